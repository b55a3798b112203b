import type { GitFacts } from './git.js';

export type SupportedEvent = 'push' | 'workflow_dispatch';

export interface EventFacts {
  event: SupportedEvent;
  repository: string;
  ref: string;
  sha: string;
  actor: string;
  git: GitFacts;
  /** Workflow file path relative to the repository, as `workflow` appears in dispatch payloads. */
  workflowPath: string;
  /** workflow_dispatch inputs as the payload carries them: strings. */
  dispatchInputs: Record<string, string>;
}

/** The webhook payload GitHub would put at GITHUB_EVENT_PATH for the event. */
export function eventPayload(facts: EventFacts): Record<string, unknown> {
  const [owner = '', name = ''] = facts.repository.split('/');
  const repository = {
    id: 1,
    name,
    full_name: facts.repository,
    private: false,
    owner: { login: owner, name: owner, type: 'Organization' },
    html_url: `https://github.com/${facts.repository}`,
    default_branch: facts.git.defaultBranch,
  };
  const sender = { login: facts.actor, type: 'User' };
  if (facts.event === 'workflow_dispatch') {
    return { inputs: facts.dispatchInputs, ref: facts.ref, repository, sender, workflow: facts.workflowPath };
  }
  const headCommit = {
    id: facts.sha,
    tree_id: facts.sha,
    distinct: true,
    message: facts.git.commit.message,
    timestamp: facts.git.commit.timestamp,
    url: `https://github.com/${facts.repository}/commit/${facts.sha}`,
    author: { name: facts.git.commit.authorName, email: facts.git.commit.authorEmail },
    committer: { name: facts.git.commit.authorName, email: facts.git.commit.authorEmail },
  };
  return {
    ref: facts.ref,
    before: '0'.repeat(40),
    after: facts.sha,
    created: false,
    deleted: false,
    forced: false,
    base_ref: null,
    compare: `https://github.com/${facts.repository}/commit/${facts.sha}`,
    commits: [headCommit],
    head_commit: headCommit,
    pusher: { name: facts.actor, email: facts.git.commit.authorEmail },
    repository,
    sender,
  };
}
