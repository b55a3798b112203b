import { parseArgs } from 'node:util';
import type { SupportedEvent } from './context/event.js';
import type { PavedRunOptions } from './run-paved.js';

export const USAGE = `Usage: paved run <workflow> [options]

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

Exit code: 0 when the workflow succeeded, 1 when it failed, 2 when it could not start.`;

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

export type Command = { kind: 'help' } | { kind: 'run'; options: PavedRunOptions };

export function parseCommand(argv: string[]): Command {
  const [command, ...rest] = argv;
  if (command === undefined || command === 'help' || command === '--help' || command === '-h') return { kind: 'help' };
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
