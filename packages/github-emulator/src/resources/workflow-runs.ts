import { notFound } from '../http/errors.js';
import type { RepositoryRecord, WorkflowRunRecord } from '../state/model.js';
import type { HandlerTable } from './handler.js';
import { nodeId, repository, repositoryApiUrl, simpleUser, userId, type UrlContext } from './representations.js';

const DOCS = 'https://docs.github.com/rest/actions/workflow-runs';

function workflowRunRepresentation(ctx: UrlContext, repo: RepositoryRecord, run: WorkflowRunRecord) {
  const api = `${repositoryApiUrl(ctx, repo)}/actions/runs/${run.id}`;
  // Stable per workflow file, as GitHub's id is.
  const workflowId = userId(run.path);
  const commit = repo.commits.find((candidate) => candidate.sha === run.headSha);
  const minimal = repository(ctx, repo);
  return {
    id: run.id,
    name: run.name,
    node_id: nodeId('WorkflowRun', run.id),
    check_suite_id: run.id + 1,
    check_suite_node_id: nodeId('CheckSuite', run.id + 1),
    head_branch: run.headBranch,
    head_sha: run.headSha,
    path: run.path,
    display_title: run.name,
    run_number: run.runNumber,
    run_attempt: run.runAttempt,
    event: run.event,
    status: run.status,
    conclusion: run.conclusion,
    workflow_id: workflowId,
    url: api,
    html_url: `${ctx.baseUrl}/${repo.owner}/${repo.name}/actions/runs/${run.id}`,
    pull_requests: [],
    created_at: run.createdAt,
    updated_at: run.updatedAt,
    run_started_at: run.createdAt,
    actor: simpleUser(ctx, run.actor),
    triggering_actor: simpleUser(ctx, run.actor),
    jobs_url: `${api}/jobs`,
    logs_url: `${api}/logs`,
    check_suite_url: `${repositoryApiUrl(ctx, repo)}/check-suites/${run.id + 1}`,
    artifacts_url: `${api}/artifacts`,
    cancel_url: `${api}/cancel`,
    rerun_url: `${api}/rerun`,
    previous_attempt_url: run.runAttempt > 1 ? `${api}/attempts/${run.runAttempt - 1}` : null,
    workflow_url: `${repositoryApiUrl(ctx, repo)}/actions/workflows/${workflowId}`,
    head_commit: commit
      ? {
          id: commit.sha,
          tree_id: commit.sha,
          message: commit.message,
          timestamp: commit.committer.date,
          author: { name: commit.author.name, email: commit.author.email },
          committer: { name: commit.committer.name, email: commit.committer.email },
        }
      : null,
    repository: minimal,
    head_repository: minimal,
  };
}

export const workflowRunHandlers: HandlerTable = {
  'actions/get-workflow-run': (ctx) => {
    const repo = ctx.repository();
    const run = repo.workflowRuns?.find((candidate) => candidate.id === ctx.path.run_id);
    if (!run) throw notFound(`${DOCS}#get-a-workflow-run`);
    return { status: 200, body: workflowRunRepresentation(ctx, repo, run) };
  },
};
