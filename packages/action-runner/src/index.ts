export { annotationsOf, maskText, parseFileCommand, parseWorkflowCommands } from './commands.js';
export type { Annotation, WorkflowCommand } from './commands.js';
export { evaluateCondition, evaluateExpression, evaluateTemplate, toExpressionData } from './expressions.js';
export type { ExpressionContext, JobStatus } from './expressions.js';
export type { FunctionDefinition } from '@actions/expressions/funcs/info';
export { loadActionManifest } from './manifest.js';
export type { ActionInput, ActionManifest } from './manifest.js';
export {
  expressionGithub,
  githubContext,
  inputVariable,
  runNodeAction,
  runnerEnvironment,
  startNodeAction,
} from './run-node-action.js';
export type {
  ActionRun,
  GitHubContext,
  RunNodeActionOptions,
  RunnerEnvironmentOptions,
  StartedNodeAction,
  StepRun,
} from './run-node-action.js';
