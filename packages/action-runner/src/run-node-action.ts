import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { annotationsOf, maskText, parseFileCommand, parseWorkflowCommands } from './commands.js';
import type { Annotation, WorkflowCommand } from './commands.js';
import { evaluateCondition, evaluateTemplate } from './expressions.js';
import type { JobStatus } from './expressions.js';
import { loadActionManifest } from './manifest.js';
import type { ActionManifest } from './manifest.js';

/** The slice of the `github` context a step sees; anything left out gets a plausible value. */
export interface GitHubContext {
  repository: string;
  sha: string;
  ref: string;
  eventName: string;
  event: Record<string, unknown>;
  actor: string;
  runId: number;
  runNumber: number;
  runAttempt: number;
  job: string;
  workflow: string;
  serverUrl: string;
  apiUrl: string;
  token: string;
  headRef: string;
  baseRef: string;
}

export interface RunNodeActionOptions {
  /** Folder holding action.yml, or its loaded manifest. */
  action: string | ActionManifest;
  /** The Node binary that plays the runner's bundled runtime. Defaults to this process's. */
  node?: string;
  inputs?: Record<string, string>;
  /** The job's environment (`env:` of the workflow, job and step, and GITHUB_ENV from earlier steps). */
  env?: Record<string, string>;
  workspace: string;
  /** RUNNER_TEMP; a fresh folder by default. */
  tempDir?: string;
  github?: Partial<GitHubContext>;
  /** Turns on step debug logging (RUNNER_DEBUG=1), as the ACTIONS_STEP_DEBUG secret does. */
  debug?: boolean;
  /** The step's timeout-minutes: when it runs out the step is cancelled as `cancel` does. */
  timeoutMs?: number;
  /**
   * Cancels the main step as the runner cancels a job: SIGINT, then SIGTERM after the grace,
   * then SIGKILL. The post step still runs after it (job status `cancelled`).
   */
  cancel?: AbortSignal;
  /** The runner's grace after SIGINT (7.5 s) and after SIGTERM (2.5 s); shorter in tests. */
  cancelGraceMs?: { interrupt: number; terminate: number };
  /** Run the post step when the action has one (default true). */
  post?: boolean;
  /** Status of the job when the post step is considered; defaults to the main step's outcome. */
  jobStatus?: JobStatus;
  /** Live output, e.g. for a progress display. */
  onOutput?: (chunk: string, phase: 'main' | 'post') => void;
  /** What cancelling sends first (the runner sends SIGINT; a host shutting down sends SIGTERM, then SIGKILL after the whole grace). */
  cancelWith?: NodeJS.Signals;
}

export interface StepRun {
  phase: 'main' | 'post';
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  timedOut: boolean;
  /** Cancelled through `cancel`. */
  cancelled: boolean;
  /** The signals the step was sent, in order. */
  signalsSent: NodeJS.Signals[];
  durationMs: number;
  stdout: string;
  stderr: string;
  /** stdout as the runner's log shows it: secrets registered with add-mask replaced by ***. */
  log: string;
  commands: WorkflowCommand[];
  annotations: Annotation[];
  masks: string[];
  outputs: Record<string, string>;
  state: Record<string, string>;
  env: Record<string, string>;
  path: string[];
  summary: string;
}

export interface ActionRun extends StepRun {
  /** Inputs given that action.yml does not declare (the runner warns and still passes them). */
  unexpectedInputs: string[];
  post?: StepRun;
}

export function githubContext(overrides: Partial<GitHubContext> = {}): GitHubContext {
  const sha = overrides.sha ?? 'ffac537e6cbbf934b08745a378932722df287a53';
  return {
    repository: 'acme/shop',
    sha,
    ref: 'refs/heads/main',
    eventName: 'push',
    event: {},
    actor: 'octocat',
    runId: 1658821493,
    runNumber: 7,
    runAttempt: 1,
    job: 'deploy',
    workflow: 'Deploy',
    serverUrl: 'https://github.com',
    apiUrl: 'https://api.github.com',
    token: 'ghs_emulatedtoken000000000000000000000',
    headRef: '',
    baseRef: '',
    ...overrides,
  };
}

/** The `github` context as expressions see it. */
export function expressionGithub(context: GitHubContext): Record<string, unknown> {
  const [owner = '', repo = ''] = context.repository.split('/');
  return {
    repository: context.repository,
    repository_owner: owner,
    event_name: context.eventName,
    event: context.event,
    sha: context.sha,
    ref: context.ref,
    ref_name: refName(context.ref),
    ref_type: context.ref.startsWith('refs/tags/') ? 'tag' : 'branch',
    actor: context.actor,
    triggering_actor: context.actor,
    run_id: String(context.runId),
    run_number: String(context.runNumber),
    run_attempt: String(context.runAttempt),
    job: context.job,
    workflow: context.workflow,
    server_url: context.serverUrl,
    api_url: context.apiUrl,
    graphql_url: `${context.apiUrl.replace(/\/$/, '')}/graphql`,
    token: context.token,
    head_ref: context.headRef,
    base_ref: context.baseRef,
    workspace: '',
    repo,
  };
}

function refName(ref: string): string {
  return ref.replace(/^refs\/(heads|tags)\//, '').replace(/^refs\/pull\/(\d+)\/merge$/, '$1/merge');
}

export interface RunnerEnvironmentOptions {
  github: GitHubContext;
  workspace: string;
  /** RUNNER_TEMP. */
  tempDir: string;
  /** GITHUB_EVENT_PATH: a file holding github.event as JSON. */
  eventPath: string;
  debug?: boolean;
}

/**
 * The variables the runner gives every step, JavaScript action or `run:` script alike, before
 * the workflow's `env:` is laid over them.
 */
export function runnerEnvironment(options: RunnerEnvironmentOptions): Record<string, string> {
  const { github, workspace, tempDir } = options;
  return {
    PATH: process.env.PATH ?? '/usr/local/bin:/usr/bin:/bin',
    HOME: process.env.HOME ?? os.homedir(),
    LANG: 'C.UTF-8',
    CI: 'true',
    GITHUB_ACTIONS: 'true',
    GITHUB_WORKSPACE: workspace,
    GITHUB_REPOSITORY: github.repository,
    GITHUB_REPOSITORY_OWNER: github.repository.split('/')[0] ?? '',
    GITHUB_SHA: github.sha,
    GITHUB_REF: github.ref,
    GITHUB_REF_NAME: refName(github.ref),
    GITHUB_REF_TYPE: github.ref.startsWith('refs/tags/') ? 'tag' : 'branch',
    GITHUB_HEAD_REF: github.headRef,
    GITHUB_BASE_REF: github.baseRef,
    GITHUB_EVENT_NAME: github.eventName,
    GITHUB_EVENT_PATH: options.eventPath,
    GITHUB_ACTOR: github.actor,
    GITHUB_TRIGGERING_ACTOR: github.actor,
    GITHUB_RUN_ID: String(github.runId),
    GITHUB_RUN_NUMBER: String(github.runNumber),
    GITHUB_RUN_ATTEMPT: String(github.runAttempt),
    GITHUB_JOB: github.job,
    GITHUB_WORKFLOW: github.workflow,
    GITHUB_ACTION: '__paved',
    GITHUB_SERVER_URL: github.serverUrl,
    GITHUB_API_URL: github.apiUrl,
    GITHUB_GRAPHQL_URL: `${github.apiUrl.replace(/\/$/, '')}/graphql`,
    RUNNER_OS: 'Linux',
    RUNNER_ARCH: 'X64',
    RUNNER_NAME: 'paved-local',
    RUNNER_ENVIRONMENT: 'self-hosted',
    RUNNER_TEMP: tempDir,
    RUNNER_TOOL_CACHE: path.join(tempDir, 'toolcache'),
    ...(options.debug ? { RUNNER_DEBUG: '1' } : {}),
  };
}

/** A JavaScript action whose main step has run; its post step is still to come. */
export interface StartedNodeAction {
  run: ActionRun;
  /** True when action.yml declares a post step. */
  hasPost: boolean;
  /**
   * Runs the post step when `post-if` holds for the job status (by default the main step's
   * outcome). A workflow runner calls it when the job ends, in reverse order of the main steps.
   */
  post(
    options?: Pick<RunNodeActionOptions, 'jobStatus' | 'onOutput' | 'timeoutMs' | 'cancel'>,
  ): Promise<StepRun | undefined>;
}

/** Runs a JavaScript action as GitHub's runner does: main, then post when its condition holds. */
export async function runNodeAction(options: RunNodeActionOptions): Promise<ActionRun> {
  const started = await startNodeAction(options);
  if (options.post !== false) {
    const post = await started.post({ jobStatus: options.jobStatus });
    if (post) started.run.post = post;
  }
  return started.run;
}

/** Runs a JavaScript action's main step and hands back its post step for later. */
export async function startNodeAction(options: RunNodeActionOptions): Promise<StartedNodeAction> {
  const manifest = typeof options.action === 'string' ? loadActionManifest(options.action) : options.action;
  const github = githubContext(options.github);
  const temp = options.tempDir ?? mkdtempSync(path.join(os.tmpdir(), 'paved-runner-'));
  mkdirSync(temp, { recursive: true });
  const eventPath = path.join(temp, `event-${randomUUID()}.json`);
  writeFileSync(eventPath, JSON.stringify(github.event));
  const contexts = { github: { ...expressionGithub(github), workspace: options.workspace }, env: options.env ?? {} };

  const given = options.inputs ?? {};
  const inputEnv: Record<string, string> = {};
  for (const [name, definition] of Object.entries(manifest.inputs)) {
    const value =
      given[name] ?? (definition.default !== undefined ? evaluateTemplate(definition.default, contexts) : '');
    inputEnv[inputVariable(name)] = value;
  }
  const unexpectedInputs = Object.keys(given).filter((name) => !(name in manifest.inputs));
  for (const name of unexpectedInputs) inputEnv[inputVariable(name)] = given[name] ?? '';

  const baseEnv = runnerEnvironment({
    github,
    workspace: options.workspace,
    tempDir: temp,
    eventPath,
    debug: options.debug,
  });
  const node = options.node ?? process.execPath;
  const main = await runPhase('main', path.resolve(manifest.dir, manifest.runs.main), node, temp, options, {
    ...baseEnv,
    ...(options.env ?? {}),
    ...inputEnv,
  });
  const run: ActionRun = { ...main, unexpectedInputs };

  const postScript = manifest.runs.post;
  return {
    run,
    hasPost: Boolean(postScript),
    post: async (postOptions = {}) => {
      if (!postScript) return undefined;
      const status: JobStatus =
        postOptions.jobStatus ?? (main.cancelled ? 'cancelled' : main.exitCode === 0 ? 'success' : 'failure');
      if (!evaluateCondition(manifest.runs['post-if'] ?? 'always()', contexts, status)) return undefined;
      const stateEnv = Object.fromEntries(Object.entries(main.state).map(([k, v]) => [`STATE_${k}`, v]));
      return runPhase(
        'post',
        path.resolve(manifest.dir, postScript),
        node,
        temp,
        { ...options, cancel: undefined, ...postOptions },
        { ...baseEnv, ...(options.env ?? {}), ...inputEnv, ...stateEnv },
      );
    },
  };
}

export function inputVariable(name: string): string {
  return `INPUT_${name.replace(/ /g, '_').toUpperCase()}`;
}

async function runPhase(
  phase: 'main' | 'post',
  script: string,
  node: string,
  temp: string,
  options: RunNodeActionOptions,
  env: Record<string, string>,
): Promise<StepRun> {
  const files = Object.fromEntries(
    (['output', 'state', 'env', 'path', 'summary'] as const).map((kind) => {
      const file = path.join(temp, `${phase}-${kind}-${randomUUID()}`);
      writeFileSync(file, '');
      return [kind, file];
    }),
  ) as Record<'output' | 'state' | 'env' | 'path' | 'summary', string>;
  const started = performance.now();
  const child = spawn(node, [script], {
    cwd: options.workspace,
    env: {
      ...env,
      GITHUB_OUTPUT: files.output,
      GITHUB_STATE: files.state,
      GITHUB_ENV: files.env,
      GITHUB_PATH: files.path,
      GITHUB_STEP_SUMMARY: files.summary,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
    options.onOutput?.(chunk, phase);
  });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
    options.onOutput?.(chunk, phase);
  });
  let timedOut = false;
  let cancelled = false;
  const stopping = stopLadder(child, options.cancelGraceMs ?? RUNNER_GRACE);
  const timer = options.timeoutMs
    ? setTimeout(() => {
        timedOut = true;
        stopping.start();
      }, options.timeoutMs)
    : undefined;
  const onCancel = () => {
    cancelled = true;
    stopping.start(options.cancelWith);
  };
  if (options.cancel?.aborted) onCancel();
  else options.cancel?.addEventListener('abort', onCancel, { once: true });
  const [exitCode, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, sig) => resolve([code, sig]));
  }).finally(() => {
    if (timer) clearTimeout(timer);
    stopping.dispose();
    options.cancel?.removeEventListener('abort', onCancel);
  });
  const commands = parseWorkflowCommands(stdout);
  const masks = commands.filter((c) => c.command === 'add-mask').map((c) => c.message);
  const read = (file: string): string => readFileSync(file, 'utf8');
  return {
    phase,
    exitCode,
    signal,
    timedOut,
    cancelled,
    signalsSent: stopping.sent,
    durationMs: performance.now() - started,
    stdout,
    stderr,
    log: maskText(stdout, masks),
    commands,
    annotations: annotationsOf(commands),
    masks,
    outputs: parseFileCommand(read(files.output)),
    state: parseFileCommand(read(files.state)),
    env: parseFileCommand(read(files.env)),
    path: read(files.path)
      .split('\n')
      .map((line) => line.trim())
      .filter(Boolean),
    summary: read(files.summary),
  };
}

/** What GitHub's runner gives a step it cancels: 7.5 s after SIGINT, 2.5 s after SIGTERM, then SIGKILL. */
const RUNNER_GRACE = { interrupt: 7_500, terminate: 2_500 };

/**
 * The runner's way of stopping a step, on cancellation and on timeout alike: SIGINT to the
 * step's process, SIGTERM when it has not ended after the first grace, SIGKILL after the second.
 */
function stopLadder(child: ChildProcess, grace: { interrupt: number; terminate: number }) {
  const sent: NodeJS.Signals[] = [];
  const timers: NodeJS.Timeout[] = [];
  const send = (signal: NodeJS.Signals) => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    sent.push(signal);
    child.kill(signal);
  };
  return {
    sent,
    start: (first: NodeJS.Signals = 'SIGINT') => {
      if (sent.length > 0) return;
      send(first);
      if (first !== 'SIGINT') {
        // A shutdown that starts with SIGTERM: the same whole grace, then SIGKILL.
        timers.push(setTimeout(() => send('SIGKILL'), grace.interrupt + grace.terminate));
        return;
      }
      timers.push(
        setTimeout(() => {
          send('SIGTERM');
          timers.push(setTimeout(() => send('SIGKILL'), grace.terminate));
        }, grace.interrupt),
      );
    },
    dispose: () => timers.forEach(clearTimeout),
  };
}
