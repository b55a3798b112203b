export { CommandTarget } from './command/target.js';
export type { CommandTargetSettings } from './command/target.js';
export { createTarget } from './create.js';
export type { TargetContext } from './create.js';
export { DEFAULT_PORT, DockerTarget, carriedVolumes } from './docker/target.js';
export type { DockerTargetSettings } from './docker/target.js';
export { connectDockerHost } from './docker/host.js';
export type { DockerHost, DockerHostOptions } from './docker/host.js';
export { DockerLock, LOCK_IMAGE } from './docker/lock.js';
export { CaddyProxy } from './docker/proxy.js';
export { DockerRollbackHost } from './docker/rollback-host.js';
export { choosePort, isFree, RELEASE_PORTS } from './docker/ports.js';
export { envFileText, parseDotenv, parseSecretLines, redactSecrets } from './env-file.js';
export { isStale, lockHeldError } from './lock.js';
export type { LockInfo } from './lock.js';
export {
  containerName,
  digestOf,
  joinCommand,
  PAVED_LABELS,
  lockName,
  repositoryOf,
  shortDigest,
  imageTagOf,
} from './naming.js';
export { DeployError, LockHeldError, PHASES } from './target.js';
export type {
  DeployHooks,
  DeployResult,
  HeldLock,
  ImageCheck,
  LockRequest,
  MigrateRollbackRun,
  PhaseName,
  Release,
  RollbackHost,
  RollbackOptions,
  RunningRelease,
  Target,
} from './target.js';
