export { CommandTarget } from './command/target.js';
export { createTarget, type TargetContext } from './create.js';
export { FleetTarget, type FleetProgress, type HostProgress } from './fleet/target.js';
export { KubernetesTarget, RELEASE_ANNOTATIONS } from './kubernetes/target.js';
export { leaseName } from './kubernetes/lock.js';
export { SshError } from '../remote/index.js';
export { choosePort, isFree, knockOn, RELEASE_PORTS, type PortAnswer } from './docker/ports.js';
export { envEntries, parseDotenv, parseSecretLines, redactSecrets } from './env-file.js';
export { isStale, lockHeldError } from './lock.js';
export { LOCK_IMAGE, lockContainerArgs } from './docker/lock.js';
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
