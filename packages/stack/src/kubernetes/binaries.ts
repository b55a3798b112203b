import { accessSync, constants, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The programs scripts/build-kubernetes.sh builds, by file name in its cache folder. */
export const KUBERNETES_PROGRAMS = [
  'etcd',
  'kube-apiserver',
  'kube-controller-manager',
  'kube-scheduler',
  'kwok',
] as const;

export type KubernetesProgram = (typeof KUBERNETES_PROGRAMS)[number];

export interface KubernetesBinaries {
  version: string;
  dir: string;
  path(program: KubernetesProgram): string;
}

const WRAPPERS = fileURLToPath(new URL('../../kubernetes/', import.meta.url));

/** The Kubernetes version the wrapper module pins: its go.mod is the one place it is written. */
export function kubernetesVersion(): string {
  const goMod = readFileSync(join(WRAPPERS, 'kubernetes', 'go.mod'), 'utf8');
  const version = /^\s*(?:require\s+)?k8s\.io\/kubernetes (v\S+)/m.exec(goMod)?.[1];
  if (!version) throw new Error(`No "k8s.io/kubernetes vX.Y.Z" requirement in ${WRAPPERS}kubernetes/go.mod`);
  return version;
}

/** Where scripts/build-kubernetes.sh puts the binaries (same rule as the script). */
export function kubernetesBinDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.PAVED_KUBERNETES_BIN) return env.PAVED_KUBERNETES_BIN;
  const cacheRoot = env.XDG_CACHE_HOME || join(homedir(), '.cache');
  return join(cacheRoot, 'paved', 'kubernetes', kubernetesVersion());
}

/** Programs missing from the cache folder; empty when the control plane can start. */
export function missingKubernetesPrograms(dir = kubernetesBinDir()): KubernetesProgram[] {
  return KUBERNETES_PROGRAMS.filter((program) => {
    try {
      accessSync(join(dir, program), constants.X_OK);
      return false;
    } catch {
      return true;
    }
  });
}

/** The built binaries, or an error saying how to build them. */
export function kubernetesBinaries(env: NodeJS.ProcessEnv = process.env): KubernetesBinaries {
  const dir = kubernetesBinDir(env);
  const missing = missingKubernetesPrograms(dir);
  if (missing.length > 0) {
    throw new Error(
      `Kubernetes test binaries missing in ${dir}: ${missing.join(', ')}. Build them with scripts/build-kubernetes.sh (needs Go).`,
    );
  }
  return { version: kubernetesVersion(), dir, path: (program) => join(dir, program) };
}
