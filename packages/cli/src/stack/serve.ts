// The stack's supervisor: a detached process that `paved stack up` starts. It holds the GitHub
// emulator (an in-process server) and the handles of every daemon, writes stack.json once all
// are ready, and on SIGTERM or SIGINT stops what it started and removes its state. If it dies
// without that chance, the stack library's guardian still stops the daemons it registered.
import { rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { startGitHubEmulator } from '@paved/github-emulator';
import { startLocalStack, type LocalStack } from './assemble.js';
import { ensureGoBaseImage } from './go-base-image.js';
import { ensurePythonBaseImage } from './python-base-image.js';
import { failureFile, stateFile, supervisorPidFile, writeStackState, type StackState } from './state.js';

export interface ServeOptions {
  dir: string;
  environments: string[];
}

export async function serveStack(options: ServeOptions): Promise<void> {
  const { dir } = options;
  writeFileSync(supervisorPidFile(dir), `${process.pid}\n`);
  let local: LocalStack | undefined;
  let emulator: Awaited<ReturnType<typeof startGitHubEmulator>> | undefined;
  let stopping = false;
  const stop = async (code: number) => {
    if (stopping) return;
    stopping = true;
    rmSync(stateFile(dir), { force: true });
    await Promise.allSettled([emulator?.stop(), local?.stop()]);
    rmSync(path.join(dir, 'services'), { recursive: true, force: true });
    rmSync(supervisorPidFile(dir), { force: true });
    process.exit(code);
  };
  for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP'] as const) process.on(signal, () => void stop(0));

  try {
    const services = path.join(dir, 'services');
    local = await startLocalStack({
      environments: options.environments.map((name) => ({ name })),
      jobPrefix: 'paved',
      dir: services,
      scrapeIntervalSeconds: 1,
      nodeBaseImage: true,
    });
    const githubStateFile = path.join(dir, 'github-state.json');
    emulator = await startGitHubEmulator({ autoCreate: true, stateFile: githubStateFile });
    const { stack, proxies } = local;
    const python = await ensurePythonBaseImage(stack.docker);
    // A machine without Go builds no Go image: a Go service's build then names the missing image.
    const go = await ensureGoBaseImage(stack.docker);
    const state: StackState = {
      version: 1,
      supervisorPid: process.pid,
      startedAt: new Date().toISOString(),
      dir,
      dockerHost: stack.docker.host,
      registry: stack.registry.address,
      prometheusUrl: stack.prometheus.url,
      pushgatewayUrl: stack.pushgateway.url,
      githubApiUrl: emulator.url,
      githubStateFile,
      environments: proxies.map(({ environment, caddy }) => ({
        name: environment,
        url: caddy.url,
        proxyUrl: caddy.adminUrl,
        proxyRoute: caddy.handlerId,
      })),
      baseImages: { NODE_BASE: stack.nodeBaseImage!.image, PYTHON_BASE: python, ...(go ? { GO_BUILD: go } : {}) },
      services: [
        { name: 'docker', pid: stack.docker.pid, socket: stack.docker.socketPath, logFile: stack.docker.logFile },
        {
          name: 'registry',
          pid: stack.registry.pid,
          url: `${stack.registry.url}/v2/`,
          logFile: stack.registry.logFile,
        },
        {
          name: 'prometheus',
          pid: stack.prometheus.pid,
          url: `${stack.prometheus.url}/-/ready`,
          logFile: stack.prometheus.logFile,
        },
        {
          name: 'pushgateway',
          pid: stack.pushgateway.pid,
          url: `${stack.pushgateway.url}/-/ready`,
          logFile: stack.pushgateway.logFile,
        },
        ...proxies.map(({ environment, caddy }) => ({
          name: `caddy (${environment})`,
          pid: caddy.pid,
          url: `${caddy.adminUrl}/config/`,
          logFile: caddy.logFile,
        })),
        { name: 'github emulator', pid: process.pid, url: `${emulator.url}/rate_limit` },
      ],
    };
    writeStackState(dir, state);
  } catch (error) {
    writeFileSync(failureFile(dir), `${(error as Error).message}\n`);
    await stop(1);
  }
}
