export { KubeClient } from './client.js';
export type { KubeClientOptions, KubeResponse, PatchType, RequestOptions } from './client.js';
export {
  KubeconfigError,
  KubernetesApiError,
  KubernetesConflictError,
  KubernetesForbiddenError,
  KubernetesNotFoundError,
  KubernetesUnavailableError,
} from './errors.js';
export type { ApiStatus } from './errors.js';
export {
  loadKubeconfigFile,
  parseKubeconfig,
  withTemporaryKubeconfig,
  writeTemporaryKubeconfig,
} from './kubeconfig.js';
export type { KubeConnection, LoadKubeconfigOptions, TemporaryKubeconfig } from './kubeconfig.js';
export { acquireLease, LeaseHeldError } from './lease.js';
export type { HeldLease, LeaseOptions } from './lease.js';
export { describePodFailures, podFailures } from './pod-failures.js';
export type { PodFailure } from './pod-failures.js';
export { CHANGE_CAUSE_ANNOTATION, REVISION_ANNOTATION, currentRevision, listRevisions } from './revisions.js';
export type { Revision } from './revisions.js';
export { rolloutState, waitForRollout } from './rollout-status.js';
export type { RolloutOutcome, WaitOptions } from './rollout-status.js';
export { readRunning, runsDigest } from './running.js';
export type { RunningPod, RunningState } from './running.js';
export { resolveDeployment, revisionRunning, setImage, undoToRevision } from './update.js';
export type { DeploymentRef, UndoResult } from './update.js';
export {
  applyCanary,
  canaryDeployment,
  canaryName,
  readCanary,
  removeCanary,
  serviceSelector,
  serviceSelects,
  TRACK_LABEL,
} from './canary.js';
export type { CanarySpec } from './canary.js';
export { getDeployment } from './revisions.js';
export type { Deployment } from './types.js';
