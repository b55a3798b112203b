export { annotationsOf, maskText, parseFileCommand, parseWorkflowCommands } from './commands.js';
export type { Annotation, WorkflowCommand } from './commands.js';
export { evaluateCondition, evaluateExpression, evaluateTemplate, toExpressionData } from './expressions.js';
export type { ExpressionContext, JobStatus } from './expressions.js';
export { loadActionManifest } from './manifest.js';
export type { ActionInput, ActionManifest } from './manifest.js';
export { githubContext, inputVariable, runNodeAction } from './run-node-action.js';
export type { ActionRun, GitHubContext, RunNodeActionOptions, StepRun } from './run-node-action.js';
