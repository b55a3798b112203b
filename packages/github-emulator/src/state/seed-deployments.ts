import type { DeploymentState, RepositoryRecord } from './model.js';
import { timestamp, type Store } from './store.js';

export interface SeedDeploymentStatus {
  state: DeploymentState;
  description?: string;
  /** When it was recorded; seeded histories carry their own times. */
  created_at: string;
  log_url?: string;
  environment_url?: string;
  creator?: string;
}

/**
 * A deployment recorded in the past, with its statuses oldest first: seeded histories (months of
 * releases for reports) need times the API would stamp with "now". Ids come from the store's one
 * counter in seeding order, so seed deployments oldest first, as GitHub numbers them.
 */
export interface SeedDeployment {
  /** An explicit id (records that link to each other by id need them known up front); else the next one. */
  id?: number;
  sha: string;
  ref?: string;
  task?: string;
  environment: string;
  payload?: Record<string, unknown> | string;
  description?: string;
  creator?: string;
  created_at: string;
  production_environment?: boolean;
  transient_environment?: boolean;
  statuses?: SeedDeploymentStatus[];
}

/** Adds the deployments and their statuses; returns their ids in the order given. */
export function seedDeployments(store: Store, repository: RepositoryRecord, deployments: SeedDeployment[]): number[] {
  return deployments.map((input) => {
    const created = timestamp(new Date(input.created_at));
    const id = input.id ?? store.nextId();
    if (repository.deployments.some((deployment) => deployment.id === id))
      throw new Error(`Deployment ${id} exists already`);
    store.state.nextId = Math.max(store.state.nextId, id + 1);
    let updated = created;
    for (const status of input.statuses ?? []) {
      const at = timestamp(new Date(status.created_at));
      repository.deploymentStatuses.push({
        id: store.nextId(),
        deploymentId: id,
        state: status.state,
        description: status.description ?? '',
        environment: input.environment,
        environmentUrl: status.environment_url ?? '',
        logUrl: status.log_url ?? '',
        creator: status.creator ?? input.creator ?? 'github-actions[bot]',
        createdAt: at,
        updatedAt: at,
      });
      updated = at;
    }
    repository.deployments.push({
      id,
      sha: input.sha,
      ref: input.ref ?? input.sha,
      task: input.task ?? 'deploy',
      payload: input.payload ?? {},
      environment: input.environment,
      originalEnvironment: input.environment,
      description: input.description ?? '',
      creator: input.creator ?? 'github-actions[bot]',
      transientEnvironment: input.transient_environment ?? false,
      productionEnvironment: input.production_environment ?? input.environment === 'production',
      createdAt: created,
      updatedAt: updated,
    });
    return id;
  });
}
