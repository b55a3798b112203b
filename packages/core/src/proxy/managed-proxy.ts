import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import * as core from '@actions/core';
import { UserError } from '../action/errors.js';
import { engineInfo, inspectContainer, inspectNetwork, lastLines, type DockerClient } from '../docker/index.js';
import type { SshSession } from '../remote/ssh-session.js';
import { CaddyAdmin } from './caddy-admin.js';
import {
  ADMIN_DIR_IN_CONTAINER,
  ADMIN_SOCKET_NAME,
  BOOT_CONFIG_PATH,
  caddyBootConfig,
  proxyFingerprint,
} from './caddy-config.js';
import { handoverSysctls } from './listener-handover.js';
import type { ManagedProxySpec } from './spec.js';

/** How the runner reaches a unix socket on the host: forwarded over SSH, in practice. */
export interface AdminReach {
  open(socketPath: string): Promise<{ socketPath: string; close(): Promise<void> }>;
}

/**
 * The admin socket forwarded through the host's SSH connection to a socket in the session's
 * private folder: unlike a port on the runner's loopback, no other user of a shared runner can
 * reach the API that rewrites the site while the forward is open.
 */
export function adminOverSsh(session: SshSession): AdminReach {
  let opened = 0;
  return {
    open: async (socket) => {
      // A fresh name per forward: calls may overlap, and a cancelled forward may leave its file.
      const forwarded = await session.forwardSocket(socket, `admin-${++opened}`);
      if (!forwarded) {
        throw new UserError(
          `Could not forward the proxy's admin socket ${socket} through the SSH connection to ${session.display}: ` +
            'check that sshd on the host allows it (AllowStreamLocalForwarding).',
        );
      }
      return { socketPath: forwarded.path, close: () => forwarded.close() };
    },
  };
}

/** What ensureManagedProxy did: nothing, started a stopped one, created it, or replaced it. */
export type ProxyBoot = 'unchanged' | 'started' | 'created' | 'upgraded';

export interface ManagedProxy {
  readonly spec: ManagedProxySpec;
  readonly containerId: string;
  readonly boot: ProxyBoot;
  /** The admin API's socket on the host. */
  readonly adminSocket: string;
  /** Runs `use` with the admin API reachable, then closes the way in. */
  withAdmin<T>(use: (admin: CaddyAdmin) => Promise<T>): Promise<T>;
}

export interface EnsureProxyOptions {
  /** Where the boot configuration is written before `docker cp`: RUNNER_TEMP on a runner. */
  tempDir?: string;
  /** How long a new proxy may take to answer on its admin socket; default 30 s. */
  readyTimeoutMs?: number;
  /** For messages: the host, e.g. ssh://deploy@web1. */
  hostDisplay?: string;
}

export const PROXY_LABELS = {
  role: 'org.paved.role',
  image: 'org.paved.proxy.image',
  fingerprint: 'org.paved.proxy.fingerprint',
} as const;

/**
 * Makes the host run the proxy the spec describes, the way Kamal boots kamal-proxy: the same
 * call on every deploy, idempotent. A missing proxy is created; a stopped one started; one from
 * another image or configuration is replaced (the new image pulled first, the upstream it had
 * carried over, its certificates kept in the data volume). Replacing stops the old container
 * before the new one binds the public ports, so it costs a second of refused connections.
 */
export async function ensureManagedProxy(
  docker: DockerClient,
  spec: ManagedProxySpec,
  reach: AdminReach,
  options: EnsureProxyOptions = {},
): Promise<ManagedProxy> {
  const display = `the proxy ${spec.name}${options.hostDisplay ? ` on ${options.hostDisplay}` : ''}`;
  const adminSocket = `${spec.adminDir}/${ADMIN_SOCKET_NAME}`;
  const withAdmin = async <T>(use: (admin: CaddyAdmin) => Promise<T>): Promise<T> => {
    const way = await reach.open(adminSocket);
    try {
      return await use(new CaddyAdmin(way.socketPath, display));
    } finally {
      await way.close();
    }
  };
  const readyTimeoutMs = options.readyTimeoutMs ?? 30_000;
  const result = (containerId: string, boot: ProxyBoot): ManagedProxy => ({
    spec,
    containerId,
    boot,
    adminSocket,
    withAdmin,
  });

  // Independent questions to the engine, asked at once: each is a round trip over SSH.
  const [, existing, kernel] = await Promise.all([
    ensureNetwork(docker, spec.network),
    inspectContainer(docker, spec.name),
    engineInfo(docker),
  ]);
  const sysctls = handoverSysctls(kernel.KernelVersion ?? '');
  const fingerprint = proxyFingerprint(spec, sysctls);
  if (existing && existing.Config.Labels?.[PROXY_LABELS.role] !== 'proxy') {
    throw new UserError(
      `A container named ${spec.name} runs on ${options.hostDisplay ?? 'the host'} and Paved did not create it: ` +
        'remove it, or set proxy.name to another name (or use an existing proxy with proxy-url)',
    );
  }
  const labels = existing?.Config.Labels ?? {};
  if (existing && labels[PROXY_LABELS.image] === spec.image && labels[PROXY_LABELS.fingerprint] === fingerprint) {
    if (existing.State.Running) {
      await waitReady(docker, spec.name, withAdmin, display, readyTimeoutMs);
      return result(existing.Id, 'unchanged');
    }
    await docker.run(['start', spec.name]);
    await waitReady(docker, spec.name, withAdmin, display, readyTimeoutMs);
    return result(existing.Id, 'started');
  }

  // The new image comes first: a pull that fails leaves the running proxy alone.
  await docker.run(['pull', '--quiet', spec.image]);
  let upstreams: string[] = [];
  if (existing?.State.Running) {
    upstreams = await withAdmin((admin) => admin.upstreams(spec.route)).catch((error: Error) => {
      core.warning(
        `Could not read the upstream of ${display} before replacing it (${error.message}); it starts with none`,
      );
      return [];
    });
  }
  const oldConfigVolume = existing?.Mounts?.find((m) => m.Type === 'volume' && m.Destination === '/config')?.Name;
  if (existing) {
    await docker.run(['stop', '--time', '10', spec.name], { allowFailure: true });
    await docker.run(['rm', '--force', spec.name]);
  }
  if (sysctls.length === 0) {
    core.warning(
      `${options.hostDisplay ?? 'The host'} runs Linux ${kernel.KernelVersion?.trim() || '(version unknown)'}, older than 5.14: each proxy ` +
        'switch may reset a few connections the proxy has just accepted (Caddy reloads its listener). ' +
        'Upgrade the kernel to 5.14 or later to switch without resets.',
    );
  }
  const containerId = await create(docker, spec, fingerprint, sysctls, upstreams, options.tempDir);
  await docker.run(['start', spec.name]);
  await waitReady(docker, spec.name, withAdmin, display, readyTimeoutMs);
  const configVolume = configVolumeName(spec, fingerprint);
  if (oldConfigVolume && oldConfigVolume !== configVolume) {
    await docker.run(['volume', 'rm', oldConfigVolume], { allowFailure: true });
  }
  core.info(`${existing ? 'Upgraded' : 'Started'} ${display} from ${spec.image}`);
  return result(containerId, existing ? 'upgraded' : 'created');
}

/*
 * /config holds Caddy's autosave, which --resume prefers over the boot file: a new volume per
 * configuration fingerprint makes a changed configuration start from its boot file, while an
 * image upgrade with the same configuration resumes from the last switch.
 */
function configVolumeName(spec: ManagedProxySpec, fingerprint: string): string {
  return `${spec.name}-config-${fingerprint}`;
}

async function create(
  docker: DockerClient,
  spec: ManagedProxySpec,
  fingerprint: string,
  sysctls: readonly string[],
  upstreams: string[],
  tempDir: string | undefined,
): Promise<string> {
  const publish =
    spec.tls === 'off'
      ? ['--publish', `${spec.httpPort}:80`]
      : ['--publish', `${spec.httpPort}:80`, '--publish', `${spec.httpsPort}:443`];
  const id = await docker.text([
    'create',
    '--name',
    spec.name,
    '--network',
    spec.network,
    '--restart',
    'unless-stopped',
    '--label',
    `${PROXY_LABELS.role}=proxy`,
    '--label',
    `${PROXY_LABELS.image}=${spec.image}`,
    '--label',
    `${PROXY_LABELS.fingerprint}=${fingerprint}`,
    ...publish,
    ...sysctls.flatMap((setting) => ['--sysctl', setting]),
    '--volume',
    `${spec.name}-data:/data`,
    '--volume',
    `${configVolumeName(spec, fingerprint)}:/config`,
    '--volume',
    `${spec.adminDir}:${ADMIN_DIR_IN_CONTAINER}`,
    '--log-opt',
    'max-size=10m',
    spec.image,
    'caddy',
    'run',
    '--config',
    BOOT_CONFIG_PATH,
    '--resume',
  ]);
  const dir = await mkdtemp(path.join(tempDir ?? process.env.RUNNER_TEMP ?? os.tmpdir(), 'paved-proxy-'));
  try {
    const file = path.join(dir, 'paved.json');
    await writeFile(file, JSON.stringify(caddyBootConfig(spec, upstreams), null, 2));
    await docker.run(['cp', file, `${spec.name}:${BOOT_CONFIG_PATH}`]);
  } catch (error) {
    await docker.run(['rm', '--force', spec.name], { allowFailure: true });
    throw error;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  return id;
}

async function ensureNetwork(docker: DockerClient, network: string): Promise<void> {
  const found = await inspectNetwork(docker, network);
  if (found) {
    if (found.Driver !== 'bridge') {
      throw new UserError(`The Docker network ${network} has driver ${found.Driver}; proxy.network must be a bridge`);
    }
    return;
  }
  const created = await docker.run(
    ['network', 'create', '--driver', 'bridge', '--label', 'org.paved.role=network', network],
    {
      allowFailure: true,
    },
  );
  // Another deploy may have created it in between; that one is as good.
  if (created.code !== 0 && !/already exists/i.test(created.stderr)) {
    throw new UserError(`Could not create the Docker network ${network}: ${lastLines(created.stderr, 4)}`);
  }
}

/** Bounded: the container must stay up and its admin API answer within `timeoutMs`. */
async function waitReady(
  docker: DockerClient,
  name: string,
  withAdmin: <T>(use: (admin: CaddyAdmin) => Promise<T>) => Promise<T>,
  display: string,
  timeoutMs: number,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  await withAdmin(async (admin) => {
    for (let attempt = 0; attempt < Math.ceil(timeoutMs / 200) + 1; attempt++) {
      if (await admin.ready()) return;
      const state = await inspectContainer(docker, name);
      if (!state?.State.Running) {
        const logs = await docker.run(['logs', '--tail', '15', name], { allowFailure: true });
        throw new UserError(
          `${display} stopped right after starting (${state?.State.Status ?? 'gone'}, exit code ${state?.State.ExitCode ?? '?'}):\n` +
            lastLines(`${logs.stdout}${logs.stderr}`, 15),
        );
      }
      if (Date.now() >= deadline) break;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    throw new UserError(`${display} runs but its admin API did not answer within ${Math.round(timeoutMs / 1000)} s`);
  });
}
