import { startDockerEngine, type DockerEngine } from '../docker/docker-engine.js';
import type { RunOptions, RunResult } from '../process/run-program.js';
import { startSshServer, type SshServer } from '../ssh/sshd.js';
import type { KeyPair } from '../ssh/ssh-keys.js';
import { installFirewall } from './firewall.js';
import { createHostNamespace } from './namespace.js';
import type { FleetNetwork } from './network.js';

/** One production-like host: its own address, Docker Engine, sshd and firewall. */
export interface FleetHost {
  /** h1, h2, … */
  readonly name: string;
  /** Its network namespace, /var/run/netns/<netns>. */
  readonly netns: string;
  /** Its address on the fleet's bridge, the one the runner dials. */
  readonly address: string;
  /** The engine, by its unix socket: for test setup from the host's side, never the runner's way in. */
  readonly docker: DockerEngine;
  /** sshd on <address>:22, the runner's way in. */
  readonly ssh: SshServer;
  /** "<address> ssh-ed25519 AAAA…" */
  readonly knownHostsLine: string;
  /** ssh://root@<address> (port 22) */
  readonly dockerHost: string;
  /** Runs a program on the host, inside its namespace (so 127.0.0.1 is the host's loopback). */
  exec(command: string, args: readonly string[], options?: RunOptions): Promise<RunResult>;
  stop(): Promise<void>;
}

export interface FleetHostOptions {
  network: FleetNetwork;
  index: number;
  /** Parent state folder (the fleet's). */
  dir: string;
  clientKey: KeyPair;
  /** TCP ports the firewall lets the runner open besides SSH (the public proxy ports). */
  publicPorts: readonly number[];
  insecureRegistries: string[];
  storageDriver: 'overlay2' | 'vfs';
  timeoutMs?: number;
}

export async function startFleetHost(options: FleetHostOptions): Promise<FleetHost> {
  const name = `h${options.index}`;
  const namespace = await createHostNamespace(options.network, options.index);
  let docker: DockerEngine | undefined;
  let ssh: SshServer | undefined;
  const stop = async (): Promise<void> => {
    // sshd first, so no client gets a session on an engine that is going away.
    await ssh?.stop();
    await docker?.stop();
    await namespace.remove();
  };
  try {
    await installFirewall(namespace, [22, ...options.publicPorts]);
    // The engine first: sshd's sessions get its socket as DOCKER_HOST.
    docker = await startDockerEngine({
      dir: options.dir,
      name,
      netns: namespace.name,
      storageDriver: options.storageDriver,
      insecureRegistries: options.insecureRegistries,
      timeoutMs: options.timeoutMs ?? 60_000,
    });
    ssh = await startSshServer({
      dir: options.dir,
      name: `${name}-ssh`,
      netns: namespace.name,
      host: namespace.address,
      port: 22,
      clientKey: options.clientKey,
      dockerHost: docker.host,
      timeoutMs: options.timeoutMs,
    });
  } catch (error) {
    await stop().catch(() => undefined);
    throw error;
  }
  return {
    name,
    netns: namespace.name,
    address: namespace.address,
    docker,
    ssh,
    knownHostsLine: ssh.knownHostsLine,
    dockerHost: ssh.dockerHost,
    exec: (command, args, runOptions) => namespace.exec(command, args, runOptions),
    stop,
  };
}
