import { HttpError, notFound, validationFailed } from '../http/errors.js';
import { paginate } from '../http/pagination.js';
import type { DeploymentRecord, RepositoryRecord } from '../state/model.js';
import { ensureEnvironment } from '../state/seed.js';
import { timestamp } from '../state/store.js';
import { bodyOf, type HandlerTable, type RequestContext } from './handler.js';
import { resolveRef } from './refs.js';
import { nodeId, repositoryApiUrl, simpleUser, type UrlContext } from './representations.js';
import { latestStatus } from './deployment-state.js';

const DOCS = 'https://docs.github.com/rest/deployments/deployments';

interface CreateDeploymentBody {
  ref: string;
  task?: string;
  auto_merge?: boolean;
  required_contexts?: string[];
  payload?: Record<string, unknown> | string;
  environment?: string;
  description?: string | null;
  transient_environment?: boolean;
  production_environment?: boolean;
}

export function deploymentRepresentation(ctx: UrlContext, repository: RepositoryRecord, record: DeploymentRecord) {
  const url = `${repositoryApiUrl(ctx, repository)}/deployments/${record.id}`;
  return {
    url,
    id: record.id,
    node_id: nodeId('Deployment', record.id),
    sha: record.sha,
    ref: record.ref,
    task: record.task,
    payload: record.payload,
    original_environment: record.originalEnvironment,
    environment: record.environment,
    description: record.description,
    creator: simpleUser(ctx, record.creator),
    created_at: record.createdAt,
    updated_at: record.updatedAt,
    statuses_url: `${url}/statuses`,
    repository_url: repositoryApiUrl(ctx, repository),
    transient_environment: record.transientEnvironment,
    production_environment: record.productionEnvironment,
  };
}

export function findDeployment(ctx: RequestContext, repository: RepositoryRecord): DeploymentRecord {
  const deployment = repository.deployments.find((candidate) => candidate.id === ctx.path.deployment_id);
  if (!deployment) throw notFound(`${DOCS}#get-a-deployment`);
  return deployment;
}

/** A JSON string payload is stored as the object it encodes, as GitHub does; other strings stay strings. */
function normalisePayload(payload: CreateDeploymentBody['payload']): DeploymentRecord['payload'] {
  if (payload === undefined || payload === '') return {};
  if (typeof payload !== 'string') return payload;
  try {
    const parsed: unknown = JSON.parse(payload);
    return parsed && typeof parsed === 'object' && !Array.isArray(parsed)
      ? (parsed as Record<string, unknown>)
      : payload;
  } catch {
    return payload;
  }
}

/**
 * GitHub refuses a deployment (409) unless every required context has a successful commit status.
 * Omitted required_contexts means "all contexts the commit has"; the emulator only knows seeded ones.
 */
function checkRequiredContexts(repository: RepositoryRecord, sha: string, ref: string, required?: string[]): void {
  const statuses = repository.commitStatuses.filter((status) => status.sha === sha);
  const latestByContext = new Map<string, string>();
  for (const status of [...statuses].sort((a, b) => a.id - b.id)) latestByContext.set(status.context, status.state);
  const contexts = required ?? [...latestByContext.keys()];
  const failing = contexts
    .map((context) => ({ context, state: latestByContext.get(context) ?? 'missing' }))
    .filter((context) => context.state !== 'success');
  if (failing.length === 0) return;
  throw new HttpError(409, `Conflict: Commit status checks failed for ${ref}.`, {
    documentationUrl: `${DOCS}#create-a-deployment`,
    errors: [{ contexts: failing, resource: 'Deployment', field: 'required_contexts', code: 'invalid' }],
  });
}

export const deploymentHandlers: HandlerTable = {
  'repos/create-deployment': (ctx) => {
    const repository = ctx.repository();
    const body = bodyOf<CreateDeploymentBody>(ctx);
    const sha = resolveRef(repository, body.ref, ctx.autoCreate);
    if (!sha) throw validationFailed(`No ref found for: ${body.ref}`, undefined, `${DOCS}#create-a-deployment`);
    checkRequiredContexts(repository, sha, body.ref, body.required_contexts);
    const environment = body.environment ?? 'production';
    ensureEnvironment(ctx.store, repository, environment);
    const now = timestamp();
    const record: DeploymentRecord = {
      id: ctx.store.nextId(),
      sha,
      ref: body.ref,
      task: body.task ?? 'deploy',
      payload: normalisePayload(body.payload),
      environment,
      originalEnvironment: environment,
      description: body.description ?? '',
      creator: ctx.login,
      transientEnvironment: body.transient_environment ?? false,
      productionEnvironment: body.production_environment ?? environment === 'production',
      createdAt: now,
      updatedAt: now,
    };
    repository.deployments.push(record);
    return { status: 201, body: deploymentRepresentation(ctx, repository, record) };
  },

  'repos/list-deployments': (ctx) => {
    const repository = ctx.repository();
    const { sha, ref, task, environment } = ctx.query as Record<string, string | undefined>;
    const matching = repository.deployments
      .filter((deployment) => sha === undefined || deployment.sha === sha)
      .filter((deployment) => ref === undefined || deployment.ref === ref)
      .filter((deployment) => task === undefined || deployment.task === task)
      .filter((deployment) => environment === undefined || deployment.environment === environment)
      .sort((a, b) => b.id - a.id);
    const page = paginate(matching, ctx.query, ctx.requestUrl);
    return {
      status: 200,
      body: page.items.map((deployment) => deploymentRepresentation(ctx, repository, deployment)),
      headers: page.headers,
    };
  },

  'repos/get-deployment': (ctx) => {
    const repository = ctx.repository();
    return { status: 200, body: deploymentRepresentation(ctx, repository, findDeployment(ctx, repository)) };
  },

  /**
   * GitHub deletes an active deployment (latest status success) only when it is the only deployment
   * of its environment; otherwise it must first be made inactive with a non-successful status.
   */
  'repos/delete-deployment': (ctx) => {
    const repository = ctx.repository();
    const deployment = findDeployment(ctx, repository);
    const active = latestStatus(repository, deployment.id)?.state === 'success';
    const others = repository.deployments.filter(
      (candidate) => candidate.environment === deployment.environment && candidate.id !== deployment.id,
    );
    if (active && others.length > 0) {
      throw validationFailed(
        'We cannot delete an active deployment unless it is the only deployment in a given environment.',
        undefined,
        `${DOCS}#delete-a-deployment`,
      );
    }
    repository.deployments = repository.deployments.filter((candidate) => candidate.id !== deployment.id);
    repository.deploymentStatuses = repository.deploymentStatuses.filter(
      (status) => status.deploymentId !== deployment.id,
    );
    return { status: 204 };
  },
};
