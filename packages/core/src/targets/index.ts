export { CommandTarget } from './command/target.js';
export { createTarget, type TargetContext } from './create.js';
export { FleetTarget, type FleetProgress, type HostProgress } from './fleet/target.js';
export { KubernetesTarget, RELEASE_ANNOTATIONS } from './kubernetes/target.js';
export { leaseName } from './kubernetes/lock.js';
export { SshError } from './docker/ssh-link.js';
export { choosePort, isFree, RELEASE_PORTS } from './docker/ports.js';
export { envFileText, parseDotenv, parseSecretLines, redactSecrets } from './env-file.js';
export { isStale, lockHeldError } from './lock.js';
export { LOCK_IMAGE } from './docker/lock.js';
export {
  containerName,
  digestOf,
  joinCommand,
  lockName,
  PAVED_LABELS,
  repositoryOf,
  shortDigest,
  imageTagOf,
} from './naming.js';
export { ReleaseError, LockHeldError } from './target.js';
export type {
  AbandonedRelease,
  DeployHooks,
  DeployResult,
  HeldLock,
  ImageCheck,
  PhaseName,
  Release,
  RollbackHost,
  RunningRelease,
  Target,
} from './target.js';
