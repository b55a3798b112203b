import type { DeploymentStatusRecord, RepositoryRecord } from '../state/model.js';

/** A deployment's current state is its newest status; none means GitHub still shows it as pending. */
export function latestStatus(repository: RepositoryRecord, deploymentId: number): DeploymentStatusRecord | undefined {
  let latest: DeploymentStatusRecord | undefined;
  for (const status of repository.deploymentStatuses) {
    if (status.deploymentId === deploymentId && (!latest || status.id > latest.id)) latest = status;
  }
  return latest;
}
