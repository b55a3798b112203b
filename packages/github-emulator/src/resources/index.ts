import { commentHandlers } from './comments.js';
import { compareHandlers } from './compare.js';
import { deploymentStatusHandlers } from './deployment-statuses.js';
import { deploymentHandlers } from './deployments.js';
import { environmentHandlers } from './environments.js';
import type { HandlerTable } from './handler.js';
import { issueHandlers } from './issues.js';
import { pullHandlers } from './pulls.js';
import { repositoryHandlers } from './repositories.js';
import { userHandlers } from './users.js';
import { workflowRunHandlers } from './workflow-runs.js';

/** Every endpoint the emulator implements, by GitHub's operationId. */
export const allHandlers: HandlerTable = {
  ...repositoryHandlers,
  ...compareHandlers,
  ...pullHandlers,
  ...deploymentHandlers,
  ...deploymentStatusHandlers,
  ...environmentHandlers,
  ...issueHandlers,
  ...commentHandlers,
  ...userHandlers,
  ...workflowRunHandlers,
};
