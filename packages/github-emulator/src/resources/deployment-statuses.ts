import { notFound } from '../http/errors.js';
import { paginate } from '../http/pagination.js';
import type { DeploymentRecord, DeploymentState, DeploymentStatusRecord, RepositoryRecord } from '../state/model.js';
import { ensureEnvironment } from '../state/seed.js';
import { timestamp, type Store } from '../state/store.js';
import { latestStatus } from './deployment-state.js';
import { findDeployment } from './deployments.js';
import { bodyOf, type HandlerTable } from './handler.js';
import { nodeId, repositoryApiUrl, simpleUser, type UrlContext } from './representations.js';

interface CreateStatusBody {
  state: DeploymentState;
  target_url?: string;
  log_url?: string;
  description?: string;
  environment?: string;
  environment_url?: string;
  auto_inactive?: boolean;
}

export function statusRepresentation(ctx: UrlContext, repository: RepositoryRecord, record: DeploymentStatusRecord) {
  const deploymentUrl = `${repositoryApiUrl(ctx, repository)}/deployments/${record.deploymentId}`;
  return {
    url: `${deploymentUrl}/statuses/${record.id}`,
    id: record.id,
    node_id: nodeId('DeploymentStatus', record.id),
    state: record.state,
    creator: simpleUser(ctx, record.creator),
    description: record.description,
    environment: record.environment,
    // log_url replaces target_url; GitHub keeps both filled with the same value.
    target_url: record.logUrl,
    log_url: record.logUrl,
    environment_url: record.environmentUrl,
    created_at: record.createdAt,
    updated_at: record.updatedAt,
    deployment_url: deploymentUrl,
    repository_url: repositoryApiUrl(ctx, repository),
  };
}

function addStatus(
  store: Store,
  repository: RepositoryRecord,
  deployment: DeploymentRecord,
  fields: Omit<DeploymentStatusRecord, 'id' | 'deploymentId' | 'createdAt' | 'updatedAt'>,
): DeploymentStatusRecord {
  const now = timestamp();
  const record: DeploymentStatusRecord = {
    id: store.nextId(),
    deploymentId: deployment.id,
    createdAt: now,
    updatedAt: now,
    ...fields,
  };
  repository.deploymentStatuses.push(record);
  deployment.updatedAt = now;
  return record;
}

/**
 * GitHub's auto_inactive: a new success status adds an `inactive` status to every prior deployment of
 * the same repository and environment that is neither transient nor production and whose state is success.
 */
function inactivatePriorDeployments(
  store: Store,
  repository: RepositoryRecord,
  current: DeploymentRecord,
  creator: string,
) {
  for (const prior of repository.deployments) {
    if (prior.id >= current.id || prior.environment !== current.environment) continue;
    if (prior.transientEnvironment || prior.productionEnvironment) continue;
    const previous = latestStatus(repository, prior.id);
    if (previous?.state !== 'success') continue;
    addStatus(store, repository, prior, {
      state: 'inactive',
      description: '',
      environment: prior.environment,
      environmentUrl: previous.environmentUrl,
      logUrl: previous.logUrl,
      creator,
    });
  }
}

export const deploymentStatusHandlers: HandlerTable = {
  'repos/create-deployment-status': (ctx) => {
    const repository = ctx.repository();
    const deployment = findDeployment(ctx, repository);
    const body = bodyOf<CreateStatusBody>(ctx);
    const previous = latestStatus(repository, deployment.id);
    // A status may move the deployment to another environment; otherwise the previous one is kept.
    const environment = body.environment ?? previous?.environment ?? deployment.environment;
    if (environment !== deployment.environment) {
      deployment.environment = environment;
      ensureEnvironment(ctx.store, repository, environment);
    }
    const record = addStatus(ctx.store, repository, deployment, {
      state: body.state,
      description: body.description ?? '',
      environment,
      environmentUrl: body.environment_url ?? '',
      logUrl: body.log_url ?? body.target_url ?? '',
      creator: ctx.login,
    });
    if (body.state === 'success' && body.auto_inactive !== false) {
      inactivatePriorDeployments(ctx.store, repository, deployment, ctx.login);
    }
    return { status: 201, body: statusRepresentation(ctx, repository, record) };
  },

  'repos/list-deployment-statuses': (ctx) => {
    const repository = ctx.repository();
    const deployment = findDeployment(ctx, repository);
    const statuses = repository.deploymentStatuses
      .filter((status) => status.deploymentId === deployment.id)
      .sort((a, b) => b.id - a.id);
    const page = paginate(statuses, ctx.query, ctx.requestUrl);
    return {
      status: 200,
      body: page.items.map((status) => statusRepresentation(ctx, repository, status)),
      headers: page.headers,
    };
  },

  'repos/get-deployment-status': (ctx) => {
    const repository = ctx.repository();
    const deployment = findDeployment(ctx, repository);
    const status = repository.deploymentStatuses.find(
      (candidate) => candidate.deploymentId === deployment.id && candidate.id === ctx.path.status_id,
    );
    if (!status) throw notFound('https://docs.github.com/rest/deployments/statuses#get-a-deployment-status');
    return { status: 200, body: statusRepresentation(ctx, repository, status) };
  },
};
