import { parseArgs } from 'node:util';
import type { SupportedEvent } from './context/event.js';
import { REPORT_FORMATS, type PavedReportOptions, type ReportFormat } from './insights/report-command.js';
import type { CheckOptions } from './check/command.js';
import type { InitOptions } from './init/command.js';
import type { PavedRunOptions } from './run-paved.js';

export const USAGE = `Usage: paved <command> [options]   (the current folder's repository is the workspace)

  paved stack up [--write] [--environments staging,production]
                             start the local stack and keep it running; --write puts its
                             environments into .github/paved.yml
  paved stack status         each service of the local stack, and the variables to use
  paved stack down           stop everything stack up started
  paved stack load [--rate 20] [--duration 10m] [--path /] [--environments staging]
                             steady traffic through the local environments, for the gate to judge
  paved init [--org ORG]     detect the service and write .github/paved.yml, smoke checks, an SLO
                             file, the workflows and (when missing) a Dockerfile
             [--service NAME] [--default-branch B] [--requests-metric M] [--latency-metric M]
             [--status-label L] [--rate-window 5s|1m] [--force] [--no-input]
  paved check [--files-only] [--prometheus-url URL] [--image NAME]
              [--config F] [--checks F] [--slo F]
                             validate every Paved file and, where reachable, the platforms named
  paved run <workflow> [options]

Runs a workflow's jobs on this machine in dependency order, the way GitHub's runner runs
JavaScript actions. Paved's actions run from dist/, actions/checkout is the local working tree,
and GITHUB_API_URL points at a local GitHub API emulator that records deployments.

  <workflow>                 a workflow file, or a name in <workspace>/.github/workflows/
  --job, -j J                run job J (and the jobs it needs)
  --event, -e E              push (default when the workflow has it) or workflow_dispatch
  --input, -i k=v            a workflow_dispatch input (repeatable)
  --secrets-file F           secrets in dotenv form (NAME=value per line); masked in the output
  --secret K=V               one secret (repeatable)
  --vars-file F, --var k=v   configuration variables (the vars context)
  --workspace, -w DIR        the repository's working tree (default: the git top level here)
  --repository owner/name    GITHUB_REPOSITORY (default: from the origin remote, else local/<dir>)
  --ref REF, --sha SHA       GITHUB_REF and GITHUB_SHA (default: the checked-out branch and HEAD)
  --actor LOGIN              github.actor (default: your user name)
  --github-api-url URL       use this GitHub API instead of starting the emulator
  --state FILE               emulator state (default: <workspace>/.paved/github-state.json)
  --quiet, -q                print step output only for failed steps
  --debug                    step debug logging (RUNNER_DEBUG=1)
  --no-color

Exit code: 0 when the workflow succeeded, 1 when it failed, 2 when it could not start.

paved report: DORA's four keys (deployment frequency, lead time for changes, change failure
rate, time to restore) and the quality gate's verdicts from the deployment ledger, as the
deploy-report action computes them. It reads the ledger paved run keeps locally, or GitHub.

  --environment, -E ENV      an environment to report on (repeatable or comma-separated; default production)
  --period, -p P             30d (default), 12w, or 2026-01-01..2026-03-31
  --format, -f F             text (default), markdown, json, csv or html, printed on stdout
  --out, -o DIR              also write report.html, report.json, releases.csv and report.md there
  --repository owner/name    default: from the origin remote, else local/<dir>
  --github-api-url URL       report on this GitHub API (token from GITHUB_TOKEN or GH_TOKEN)
  --state FILE               the local ledger (default: <workspace>/.paved/github-state.json)
  --workspace, -w DIR

Exit code: 0 with a report, 1 when there is none to give (the message says why), 2 on bad usage.`;

export class UsageError extends Error {
  override name = 'UsageError';
}

function pairs(values: string[] | undefined, flag: string): Record<string, string> {
  const result: Record<string, string> = {};
  for (const value of values ?? []) {
    const index = value.indexOf('=');
    if (index <= 0) throw new UsageError(`${flag} expects name=value, got '${value}'.`);
    result[value.slice(0, index)] = value.slice(index + 1);
  }
  return result;
}

export type Command =
  | { kind: 'help' }
  | { kind: 'run'; options: PavedRunOptions }
  | { kind: 'stack'; action: 'up' | 'down' | 'status'; environments: string[]; write: boolean; workspace?: string }
  | { kind: 'stack-serve'; dir: string; environments: string[] }
  | { kind: 'stack-load'; environments?: string[]; paths: string[]; rate: number; duration: string }
  | { kind: 'init'; options: Omit<InitOptions, 'out' | 'workspace'> & { workspace?: string } }
  | { kind: 'check'; options: Omit<CheckOptions, 'out' | 'workspace'> & { workspace?: string } }
  | { kind: 'report'; options: PavedReportOptions };

const ENVIRONMENT_LIST = /^[a-z][a-z0-9-]*(,[a-z][a-z0-9-]*)*$/;

function parseReport(args: string[]): Command {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      environment: { type: 'string', short: 'E', multiple: true },
      period: { type: 'string', short: 'p' },
      format: { type: 'string', short: 'f' },
      out: { type: 'string', short: 'o' },
      repository: { type: 'string' },
      'github-api-url': { type: 'string' },
      state: { type: 'string' },
      workspace: { type: 'string', short: 'w' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) return { kind: 'help' };
  if (positionals.length > 0)
    throw new UsageError(`paved report takes no arguments; unexpected: ${positionals.join(' ')}.`);
  const format = values.format ?? 'text';
  if (!(REPORT_FORMATS as readonly string[]).includes(format)) {
    throw new UsageError(`--format must be one of ${REPORT_FORMATS.join(', ')}, not '${format}'.`);
  }
  if (values.repository !== undefined && !/^[^/\s]+\/[^/\s]+$/.test(values.repository)) {
    throw new UsageError(`--repository expects owner/name, got '${values.repository}'.`);
  }
  const environments = (values.environment ?? []).flatMap((value) => value.split(',')).map((e) => e.trim());
  const bad = environments.find((name) => !/^[A-Za-z0-9][A-Za-z0-9_.-]{0,254}$/.test(name));
  if (bad !== undefined)
    throw new UsageError(`--environment expects an environment name like production, got '${bad}'.`);
  return {
    kind: 'report',
    options: {
      environments,
      period: values.period,
      format: format as ReportFormat,
      outDir: values.out,
      repository: values.repository,
      githubApiUrl: values['github-api-url'],
      stateFile: values.state,
      workspace: values.workspace,
    },
  };
}

function parseStack(rest: string[]): Command {
  const [action, ...flags] = rest;
  const { values } = parseArgs({
    args: flags,
    options: {
      write: { type: 'boolean' },
      environments: { type: 'string' },
      dir: { type: 'string' },
      workspace: { type: 'string', short: 'w' },
      rate: { type: 'string' },
      duration: { type: 'string' },
      path: { type: 'string', multiple: true },
    },
  });
  if (action === 'load') {
    const rate = Number(values.rate ?? '20');
    if (!Number.isInteger(rate) || rate < 1 || rate > 500) {
      throw new UsageError(`--rate expects requests per second from 1 to 500, got '${values.rate}'.`);
    }
    const paths = values.path ?? ['/'];
    if (paths.some((p) => !/^\/[\w\-./?=&%]*$/.test(p)))
      throw new UsageError('--path expects paths like / or /api/items.');
    const environments = values.environments;
    if (environments !== undefined && !ENVIRONMENT_LIST.test(environments)) {
      throw new UsageError(`--environments expects names like staging,production, got '${environments}'.`);
    }
    return {
      kind: 'stack-load',
      environments: environments?.split(','),
      paths,
      rate,
      duration: values.duration ?? '10m',
    };
  }
  const environments = values.environments ?? 'staging,production';
  if (!ENVIRONMENT_LIST.test(environments)) {
    throw new UsageError(`--environments expects names like staging,production, got '${environments}'.`);
  }
  const list = environments.split(',');
  // Started by `stack up` in the background; not for people.
  if (action === 'serve' && values.dir) return { kind: 'stack-serve', dir: values.dir, environments: list };
  if (action !== 'up' && action !== 'down' && action !== 'status') {
    throw new UsageError(`paved stack expects up, down, status or load, not '${action ?? ''}'.`);
  }
  return { kind: 'stack', action, environments: list, write: values.write ?? false, workspace: values.workspace };
}

function parseInit(rest: string[]): Command {
  const { values } = parseArgs({
    args: rest,
    options: {
      org: { type: 'string' },
      service: { type: 'string' },
      'default-branch': { type: 'string' },
      'requests-metric': { type: 'string' },
      'latency-metric': { type: 'string' },
      'status-label': { type: 'string' },
      'rate-window': { type: 'string' },
      force: { type: 'boolean' },
      'no-input': { type: 'boolean' },
      workspace: { type: 'string', short: 'w' },
    },
  });
  const metric = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
  for (const flag of ['requests-metric', 'latency-metric', 'status-label'] as const) {
    if (values[flag] !== undefined && !metric.test(values[flag])) {
      throw new UsageError(`--${flag} expects a Prometheus name like http_requests_total, got '${values[flag]}'.`);
    }
  }
  if (values['rate-window'] !== undefined && !/^\d+(ms|s|m|h)$/.test(values['rate-window'])) {
    throw new UsageError(`--rate-window expects a PromQL duration like 5s or 1m, got '${values['rate-window']}'.`);
  }
  return {
    kind: 'init',
    options: {
      org: values.org,
      service: values.service,
      defaultBranch: values['default-branch'],
      requestsMetric: values['requests-metric'],
      latencyMetric: values['latency-metric'],
      statusLabel: values['status-label'],
      rateWindow: values['rate-window'],
      force: values.force ?? false,
      interactive: !values['no-input'],
      workspace: values.workspace,
    },
  };
}

function parseCheck(rest: string[]): Command {
  const { values } = parseArgs({
    args: rest,
    options: {
      'files-only': { type: 'boolean' },
      'prometheus-url': { type: 'string' },
      image: { type: 'string' },
      config: { type: 'string' },
      checks: { type: 'string' },
      slo: { type: 'string' },
      workspace: { type: 'string', short: 'w' },
    },
  });
  // Empty means the default: a workflow passes its inputs as they are.
  const paths = Object.fromEntries(
    (['config', 'checks', 'slo'] as const).flatMap((key) => (values[key] ? [[key, values[key]]] : [])),
  );
  return {
    kind: 'check',
    options: {
      filesOnly: values['files-only'] ?? false,
      paths,
      prometheusUrl: values['prometheus-url'],
      image: values.image,
      workspace: values.workspace,
    },
  };
}

export function parseCommand(argv: string[]): Command {
  const [command, ...rest] = argv;
  if (command === undefined || command === 'help' || command === '--help' || command === '-h') return { kind: 'help' };
  if (command === 'stack') return parseStack(rest);
  if (command === 'init') return parseInit(rest);
  if (command === 'check') return parseCheck(rest);
  if (command === 'report') return parseReport(rest);
  if (command !== 'run') throw new UsageError(`Unknown command '${command}'. ${USAGE}`);
  const { values, positionals } = parseArgs({
    args: rest,
    allowPositionals: true,
    options: {
      job: { type: 'string', short: 'j' },
      event: { type: 'string', short: 'e' },
      input: { type: 'string', short: 'i', multiple: true },
      'secrets-file': { type: 'string' },
      secret: { type: 'string', multiple: true },
      'vars-file': { type: 'string' },
      var: { type: 'string', multiple: true },
      workspace: { type: 'string', short: 'w' },
      repository: { type: 'string' },
      ref: { type: 'string' },
      sha: { type: 'string' },
      actor: { type: 'string' },
      'github-api-url': { type: 'string' },
      state: { type: 'string' },
      quiet: { type: 'boolean', short: 'q' },
      debug: { type: 'boolean' },
      'no-color': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) return { kind: 'help' };
  const [workflow, ...extra] = positionals;
  if (!workflow) throw new UsageError(`Which workflow? ${USAGE}`);
  if (extra.length > 0) throw new UsageError(`One workflow at a time; unexpected: ${extra.join(' ')}.`);
  if (values.event !== undefined && values.event !== 'push' && values.event !== 'workflow_dispatch') {
    throw new UsageError(`--event must be push or workflow_dispatch, not '${values.event}'.`);
  }
  if (values.repository !== undefined && !/^[^/\s]+\/[^/\s]+$/.test(values.repository)) {
    throw new UsageError(`--repository expects owner/name, got '${values.repository}'.`);
  }
  return {
    kind: 'run',
    options: {
      workflow,
      job: values.job,
      event: values.event as SupportedEvent | undefined,
      inputs: pairs(values.input, '--input'),
      secretsFile: values['secrets-file'],
      secrets: pairs(values.secret, '--secret'),
      varsFile: values['vars-file'],
      vars: pairs(values.var, '--var'),
      workspace: values.workspace,
      repository: values.repository,
      ref: values.ref,
      sha: values.sha,
      actor: values.actor,
      githubApiUrl: values['github-api-url'],
      stateFile: values.state,
      quiet: values.quiet ?? false,
      debug: values.debug ?? false,
      color: !values['no-color'] && Boolean(process.stdout.isTTY) && !process.env.NO_COLOR,
    },
  };
}
