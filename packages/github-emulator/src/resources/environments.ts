import { notFound } from '../http/errors.js';
import { paginate } from '../http/pagination.js';
import type { EnvironmentRecord, RepositoryRecord } from '../state/model.js';
import { ensureEnvironment } from '../state/seed.js';
import { timestamp } from '../state/store.js';
import { bodyOf, type HandlerTable } from './handler.js';
import { nodeId, repositoryApiUrl, type UrlContext } from './representations.js';

interface EnvironmentBody {
  wait_timer?: number;
  prevent_self_review?: boolean;
  reviewers?: { type?: 'User' | 'Team'; id?: number }[] | null;
  deployment_branch_policy?: { protected_branches: boolean; custom_branch_policies: boolean } | null;
}

function environmentRepresentation(ctx: UrlContext, repository: RepositoryRecord, record: EnvironmentRecord) {
  const protectionRules: unknown[] = [];
  if (record.waitTimer > 0) {
    protectionRules.push({
      id: record.id,
      node_id: nodeId('Gate', record.id),
      type: 'wait_timer',
      wait_timer: record.waitTimer,
    });
  }
  return {
    id: record.id,
    node_id: nodeId('Environment', record.id),
    name: record.name,
    url: `${repositoryApiUrl(ctx, repository)}/environments/${encodeURIComponent(record.name)}`,
    html_url: `${ctx.baseUrl}/${repository.owner}/${repository.name}/deployments/activity_log?environments_filter=${encodeURIComponent(record.name)}`,
    created_at: record.createdAt,
    updated_at: record.updatedAt,
    protection_rules: protectionRules,
    deployment_branch_policy: record.deploymentBranchPolicy,
  };
}

function findEnvironment(repository: RepositoryRecord, name: unknown): EnvironmentRecord {
  const environment = repository.environments.find(
    (candidate) => candidate.name.toLowerCase() === String(name).toLowerCase(),
  );
  if (!environment) throw notFound('https://docs.github.com/rest/deployments/environments#get-an-environment');
  return environment;
}

export const environmentHandlers: HandlerTable = {
  'repos/get-all-environments': (ctx) => {
    const repository = ctx.repository();
    const environments = [...repository.environments].sort((a, b) => a.name.localeCompare(b.name));
    const page = paginate(environments, ctx.query, ctx.requestUrl);
    return {
      status: 200,
      body: {
        total_count: environments.length,
        environments: page.items.map((environment) => environmentRepresentation(ctx, repository, environment)),
      },
      headers: page.headers,
    };
  },

  'repos/get-environment': (ctx) => {
    const repository = ctx.repository();
    return {
      status: 200,
      body: environmentRepresentation(ctx, repository, findEnvironment(repository, ctx.path.environment_name)),
    };
  },

  'repos/create-or-update-environment': (ctx) => {
    const repository = ctx.repository();
    const environment = ensureEnvironment(ctx.store, repository, String(ctx.path.environment_name));
    const body = bodyOf<EnvironmentBody>(ctx);
    if (body.wait_timer !== undefined) environment.waitTimer = body.wait_timer;
    if (body.prevent_self_review !== undefined) environment.preventSelfReview = body.prevent_self_review;
    if (body.reviewers !== undefined) {
      environment.reviewers = (body.reviewers ?? []).map((reviewer) => ({
        type: reviewer.type ?? 'User',
        id: reviewer.id ?? 0,
      }));
    }
    if (body.deployment_branch_policy !== undefined) environment.deploymentBranchPolicy = body.deployment_branch_policy;
    environment.updatedAt = timestamp();
    return { status: 200, body: environmentRepresentation(ctx, repository, environment) };
  },
};
