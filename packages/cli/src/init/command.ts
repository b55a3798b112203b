// `paved init`: detects the service in a repository and writes Paved's files for it, every one
// checked by the loader that will read it, so the first `paved run` starts from valid files.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline/promises';
import { PAVED_ROOT } from '../paved-root.js';
import { checkRepositoryFiles, PAVED_FILES } from '../check/files.js';
import { formatFindings } from '../check/command.js';
import { runningStack } from '../stack/state.js';
import { detectService, type ServiceMetrics } from './detect.js';
import { DOCKERIGNORE, dockerfile, pavedYml, smokeChecks, sloFile, type Environment } from './files.js';

export interface InitOptions {
  workspace: string;
  /** The GitHub organisation (or user) that hosts Paved: `<org>/paved/...@v1` in the workflows. */
  org?: string;
  service?: string;
  defaultBranch?: string;
  requestsMetric?: string;
  latencyMetric?: string;
  statusLabel?: string;
  rateWindow?: string;
  force?: boolean;
  /** Ask for what cannot be detected when stdin is a terminal (default true). */
  interactive?: boolean;
  out: { write(text: string): unknown };
}

const TEMPLATES = ['deploy', 'rollback', 'ci'];

function git(workspace: string, args: string[]): string | undefined {
  try {
    return execFileSync('git', args, { cwd: workspace, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return undefined;
  }
}

function originOwner(workspace: string): string | undefined {
  const url = git(workspace, ['remote', 'get-url', 'origin']);
  return url ? /[:/]([^/:]+)\/[^/]+?(\.git)?$/.exec(url)?.[1] : undefined;
}

async function ask(question: string, fallback: string): Promise<string> {
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  try {
    return (await rl.question(`${question} [${fallback}] `)).trim() || fallback;
  } finally {
    rl.close();
  }
}

/** The ci template runs npm's scripts; Python and Go projects get their own tools' commands. */
const CI_COMMANDS: Record<string, { lint: string; test: string }> = {
  python: { lint: 'python3 -m compileall -q .', test: 'python3 -m unittest discover' },
  go: { lint: 'go vet ./...', test: 'go test ./...' },
};

function ciCommands(workflow: string, language: string): string {
  const commands = CI_COMMANDS[language];
  if (!commands) return workflow;
  return workflow
    .replace(/^(\s+lint-command:).*$/m, `$1 ${commands.lint}`)
    .replace(/^(\s+test-command:).*$/m, `$1 ${commands.test}`);
}

export async function runInit(options: InitOptions): Promise<number> {
  const { workspace, out } = options;
  const detected = detectService(workspace);
  if (!detected) {
    out.write(
      `paved init: no Node (package.json), Python (pyproject.toml, requirements.txt) or Go (go.mod) service in ${workspace}.\n`,
    );
    return 1;
  }
  const interactive = (options.interactive ?? true) && Boolean(process.stdin.isTTY);
  let org = options.org ?? originOwner(workspace);
  if (!org && interactive) org = await ask('GitHub organisation that hosts Paved (<org>/paved)?', 'paved');
  if (!org || !/^[A-Za-z0-9][A-Za-z0-9-]{0,38}$/.test(org)) {
    out.write('paved init: which organisation hosts Paved? Pass --org <org> (workflows call <org>/paved/...@v1).\n');
    return 1;
  }
  const metrics: ServiceMetrics = { ...detected.metrics };
  if (options.requestsMetric) metrics.requests = options.requestsMetric;
  if (options.latencyMetric) metrics.latency = options.latencyMetric.replace(/_bucket$/, '');
  if (options.statusLabel) metrics.statusLabel = options.statusLabel;
  if (interactive && !options.requestsMetric && !metrics.detected.requests) {
    metrics.requests = await ask('Counter of HTTP requests the service exposes?', metrics.requests);
  }
  if (interactive && !options.latencyMetric && !metrics.detected.latency) {
    metrics.latency = await ask('Histogram of request durations (seconds)?', metrics.latency);
  }
  const service =
    options.service ??
    path
      .basename(workspace)
      .toLowerCase()
      .replace(/[^a-z0-9-]+/g, '-')
      .replace(/^-+|-+$/g, '');
  const defaultBranch = options.defaultBranch ?? git(workspace, ['symbolic-ref', '--short', 'HEAD']) ?? 'main';
  const stack = runningStack();
  const environments: Environment[] = stack
    ? stack.environments.map((e) => ({
        name: e.name,
        url: e.url,
        host: stack.dockerHost,
        proxyUrl: e.proxyUrl,
        proxyRoute: e.proxyRoute,
      }))
    : ['staging', 'production'].map((name) => ({
        name,
        url: `https://${name}.${service}.example.com`,
        host: `ssh://deploy@${name}.${service}.example.com`,
      }));
  // The local stack scrapes every second; a hosted Prometheus every 15 s or so.
  const rateWindow = options.rateWindow ?? (stack ? '5s' : '1m');

  const files: Array<[string, string]> = [
    [PAVED_FILES.config, pavedYml(service, { ...detected, metrics }, environments)],
    [PAVED_FILES.checks, smokeChecks({ ...detected, metrics })],
    [
      PAVED_FILES.slo,
      sloFile({ ...detected, metrics }, { rateWindow, maxErrorRate: 0.02, maxLatencySeconds: 0.25, minTraffic: 0.01 }),
    ],
  ];
  for (const name of TEMPLATES) {
    const template = readFileSync(path.join(PAVED_ROOT, 'workflows-templates', `${name}.yml`), 'utf8');
    files.push([
      path.join(PAVED_FILES.workflows, `${name}.yml`),
      ciCommands(
        template.replace(/\bpaved-org\//g, `${org}/`).replace(/\$default-branch\b/g, defaultBranch),
        detected.language,
      ),
    ]);
  }
  if (!detected.hasDockerfile) {
    files.push(['Dockerfile', dockerfile(detected)]);
    if (!existsSync(path.join(workspace, '.dockerignore'))) files.push(['.dockerignore', DOCKERIGNORE]);
  }
  const existing = files.filter(([file]) => existsSync(path.join(workspace, file)) && file !== 'Dockerfile');
  if (existing.length > 0 && !options.force) {
    out.write(
      `paved init: these files exist already; nothing was written (pass --force to replace them):\n${existing.map(([f]) => `  ${f}`).join('\n')}\n`,
    );
    return 1;
  }
  for (const [file, text] of files) {
    mkdirSync(path.dirname(path.join(workspace, file)), { recursive: true });
    writeFileSync(path.join(workspace, file), text);
  }
  const gitignore = path.join(workspace, '.gitignore');
  const ignored = existsSync(gitignore) ? readFileSync(gitignore, 'utf8') : '';
  if (!/^\.paved\/?$/m.test(ignored))
    writeFileSync(gitignore, `${ignored}${ignored && !ignored.endsWith('\n') ? '\n' : ''}.paved/\n`);

  out.write(
    [
      `Detected a ${detected.language} service (${detected.entry}; ${detected.hasDockerfile ? 'its own Dockerfile' : 'no Dockerfile: one written'}), health path ${detected.healthPath}.`,
      `Metrics: ${metrics.requests} (status label ${metrics.statusLabel}), ${metrics.latency}` +
        (metrics.detected.requests && metrics.detected.latency
          ? ' (found in the source)'
          : ' (assumed: pass --requests-metric/--latency-metric/--status-label if the service names them otherwise)'),
      `Environments: ${environments.map((e) => e.name).join(', ')}${stack ? ' on the running local stack' : ' (placeholders: edit url/host for your hosts)'}; SLO rate window ${rateWindow}.`,
      'Wrote:',
      ...files.map(([file]) => `  ${file}`),
      '',
    ].join('\n'),
  );
  const { findings } = checkRepositoryFiles(workspace);
  out.write(`${formatFindings(findings)}\n`);
  return findings.some((f) => f.severity === 'error') ? 1 : 0;
}
