import type { RepositoryRecord, WorkflowRunRecord } from './model.js';
import { timestamp } from './store.js';

export interface SeedWorkflowRun {
  /** The run id, as in …/actions/runs/<id>: a lock holder's run URL names it. */
  id: number;
  status?: 'queued' | 'in_progress' | 'waiting' | 'requested' | 'pending' | 'completed';
  conclusion?: 'success' | 'failure' | 'cancelled' | 'timed_out' | 'skipped' | 'neutral' | 'action_required' | null;
  name?: string;
  run_number?: number;
  run_attempt?: number;
  event?: string;
  head_sha?: string;
  head_branch?: string;
  path?: string;
  actor?: string;
}

/** Creates the run, or changes the one with that id: how a test finishes or cancels a run. */
export function upsertWorkflowRun(repository: RepositoryRecord, input: SeedWorkflowRun): WorkflowRunRecord {
  const runs = (repository.workflowRuns ??= []);
  const existing = runs.find((run) => run.id === input.id);
  const now = timestamp();
  const status = input.status ?? existing?.status ?? 'in_progress';
  const record: WorkflowRunRecord = {
    id: input.id,
    name: input.name ?? existing?.name ?? 'Deploy',
    runNumber: input.run_number ?? existing?.runNumber ?? runs.length + 1,
    runAttempt: input.run_attempt ?? existing?.runAttempt ?? 1,
    event: input.event ?? existing?.event ?? 'push',
    headSha: input.head_sha ?? existing?.headSha ?? repository.branches[repository.defaultBranch] ?? '0'.repeat(40),
    headBranch: input.head_branch ?? existing?.headBranch ?? repository.defaultBranch,
    path: input.path ?? existing?.path ?? '.github/workflows/deploy.yml',
    status,
    // GitHub has a conclusion only for a completed run.
    conclusion: status === 'completed' ? (input.conclusion ?? existing?.conclusion ?? 'success') : null,
    actor: input.actor ?? existing?.actor ?? 'octocat',
    createdAt: existing?.createdAt ?? now,
    updatedAt: now,
  };
  if (existing) Object.assign(existing, record);
  else runs.push(record);
  return existing ?? record;
}
