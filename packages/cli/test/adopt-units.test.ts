// The pieces of the newcomer's path that need no stack: what init writes and that the pipeline's
// own loaders accept it, metric detection, what steps inherit from the machine, and the job
// summary as text and as a page without dead links.
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkRepositoryFiles } from '../src/check/files.js';
import { hostEnvironment } from '../src/execution/host-environment.js';
import { runInit } from '../src/init/command.js';
import { detectMetrics } from '../src/init/detect.js';
import { summaryToHtml, summaryToText } from '../src/report/summary-text.js';

const FIXTURES = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures', 'newcomer');

describe('paved init', () => {
  let dir: string;
  const out = {
    text: '',
    write(chunk: string) {
      this.text += chunk;
    },
  };
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'paved-init-'));
    out.text = '';
    // A stack running for the user must not leak into these files.
    process.env.PAVED_STACK_DIR = path.join(dir, 'no-stack');
  });
  afterEach(() => {
    delete process.env.PAVED_STACK_DIR;
    rmSync(dir, { recursive: true, force: true });
  });

  it.each(['node', 'python'])('writes files the pipeline accepts for a %s service', async (language) => {
    cpSync(path.join(FIXTURES, language), dir, { recursive: true });
    execFileSync('git', ['init', '--quiet', '--initial-branch', 'trunk'], { cwd: dir });
    const code = await runInit({ workspace: dir, org: 'acme', interactive: false, out });
    expect(out.text).toContain(`Detected a ${language} service`);
    expect(code).toBe(0);
    const { findings, config, slo } = checkRepositoryFiles(dir);
    expect(findings.filter((f) => f.severity !== 'ok')).toEqual([]);
    expect(Object.keys(config!.environments)).toEqual(['staging', 'production']);
    expect(slo!.objectives.map((o) => o.name)).toEqual(['traffic', 'error-rate', 'latency-p95']);
    expect(slo!.objectives[1]!.query).toContain('code=~"5.."');
    const deploy = readFileSync(path.join(dir, '.github', 'workflows', 'deploy.yml'), 'utf8');
    expect(deploy).toContain('uses: acme/paved/.github/workflows/paved-deploy.yml@v1');
    expect(deploy).toContain('branches: [trunk]');
    expect(deploy).not.toMatch(/paved-org|\$default-branch/);
    const dockerfile = readFileSync(path.join(dir, 'Dockerfile'), 'utf8');
    expect(dockerfile).toMatch(/^ARG (NODE|PYTHON)_BASE=\S+@sha256:[0-9a-f]{64}$/m);
  });

  it('writes a two-stage Dockerfile and Go CI commands for a Go service', async () => {
    writeFileSync(path.join(dir, 'go.mod'), 'module example.com/hello\n\ngo 1.24\n');
    writeFileSync(
      path.join(dir, 'main.go'),
      'package main\n\n// Serves "/healthz" and exposes http_requests_total{code="200"} and http_request_duration_seconds.\nfunc main() {}\n',
    );
    expect(await runInit({ workspace: dir, org: 'acme', interactive: false, out })).toBe(0);
    expect(checkRepositoryFiles(dir).findings.filter((f) => f.severity !== 'ok')).toEqual([]);
    const dockerfile = readFileSync(path.join(dir, 'Dockerfile'), 'utf8');
    expect(dockerfile).toMatch(/^ARG GO_BUILD=golang:\S+@sha256:[0-9a-f]{64}$/m);
    expect(dockerfile).toContain('FROM scratch');
    expect(readFileSync(path.join(dir, '.github', 'workflows', 'ci.yml'), 'utf8')).toContain(
      'test-command: go test ./...',
    );
  });

  it("installs a Python service's requirements with pip, or from vendor/ where the base image has no pip", async () => {
    cpSync(path.join(FIXTURES, 'python'), dir, { recursive: true });
    writeFileSync(path.join(dir, 'requirements.txt'), 'requests==2.32.3\n');
    expect(await runInit({ workspace: dir, org: 'acme', interactive: false, out })).toBe(0);
    const dockerfile = readFileSync(path.join(dir, 'Dockerfile'), 'utf8');
    expect(dockerfile).toContain('ENV PYTHONUNBUFFERED=1 PYTHONPATH=/app/vendor');
    const run = /^RUN (\[.*\])$/m.exec(dockerfile);
    const [program, flag, script] = JSON.parse(run![1]!) as string[];
    expect([program, flag]).toEqual(['python3', '-c']);
    // Run as the build runs it, by a python3 that finds no pip (as in the local stand-in, whatever
    // this machine has installed): it names the way out instead of failing obscurely.
    const noPip = `import importlib.util; importlib.util.find_spec = lambda name, *a: None; exec(${JSON.stringify(script)})`;
    const refused = spawnSync('python3', ['-I', '-c', noPip], { cwd: dir, encoding: 'utf8' });
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain('python3 -m pip install --target vendor -r requirements.txt');
    mkdirSync(path.join(dir, 'vendor'));
    expect(spawnSync('python3', ['-I', '-c', noPip], { cwd: dir, encoding: 'utf8' }).status).toBe(0);
  });

  it('checks the files at the paths a workflow gives, and only inside the repository', async () => {
    cpSync(path.join(FIXTURES, 'node'), dir, { recursive: true });
    expect(await runInit({ workspace: dir, org: 'acme', interactive: false, out })).toBe(0);
    mkdirSync(path.join(dir, 'deploy'));
    renameSync(path.join(dir, '.github', 'paved.yml'), path.join(dir, 'deploy', 'paved.yml'));
    expect(checkRepositoryFiles(dir).findings.find((f) => f.severity === 'error')?.subject).toBe('.github/paved.yml');
    const moved = checkRepositoryFiles(dir, { config: 'deploy/paved.yml' });
    expect(moved.findings.filter((f) => f.severity !== 'ok')).toEqual([]);
    expect(Object.keys(moved.config!.environments)).toEqual(['staging', 'production']);
    const outside = checkRepositoryFiles(dir, { slo: '../slo.yml' }).findings;
    expect(outside).toEqual([
      { severity: 'error', subject: '../slo.yml', message: '--slo must name a file inside the repository.' },
    ]);
  });

  it('refuses to overwrite without --force and names the files', async () => {
    cpSync(path.join(FIXTURES, 'node'), dir, { recursive: true });
    expect(await runInit({ workspace: dir, org: 'acme', interactive: false, out })).toBe(0);
    out.text = '';
    expect(await runInit({ workspace: dir, org: 'acme', interactive: false, out })).toBe(1);
    expect(out.text).toContain('.github/paved.yml');
  });

  it('asks for the organisation when it cannot tell', async () => {
    cpSync(path.join(FIXTURES, 'node'), dir, { recursive: true });
    expect(await runInit({ workspace: dir, interactive: false, out })).toBe(1);
    expect(out.text).toContain('--org');
  });

  it('flags a workflow still holding a template placeholder', async () => {
    cpSync(path.join(FIXTURES, 'node'), dir, { recursive: true });
    await runInit({ workspace: dir, org: 'acme', interactive: false, out });
    const file = path.join(dir, '.github', 'workflows', 'ci.yml');
    const text = readFileSync(file, 'utf8');
    writeFileSync(file, text.replace('acme/paved', 'paved-org/paved'));
    const error = checkRepositoryFiles(dir).findings.find((f) => f.severity === 'error');
    expect(error?.message).toContain('paved-org');
  });
});

describe('metric detection', () => {
  it('reads names from exposition lines, client libraries and label lists', () => {
    expect(
      detectMetrics(['lines.push(`http_requests_total{code="${c}"} 1`); `x_request_duration_seconds_bucket`']),
    ).toMatchObject({
      requests: 'http_requests_total',
      latency: 'x_request_duration_seconds',
      statusLabel: 'code',
    });
    expect(detectMetrics(["Counter('http_requests', 'doc', ['method', 'status_code'])"])).toMatchObject({
      requests: 'http_requests_total',
      statusLabel: 'status_code',
      detected: { requests: true, latency: false, statusLabel: true },
    });
  });
});

describe('what steps inherit from the machine', () => {
  it('passes proxy, CA and tool settings and nothing else', () => {
    const passed = hostEnvironment(
      {
        HTTPS_PROXY: 'http://proxy:3128',
        no_proxy: 'localhost',
        NODE_EXTRA_CA_CERTS: '/etc/corp-ca.pem',
        SSL_CERT_FILE: '/etc/ssl/certs/ca.pem',
        npm_config_registry: 'https://npm.corp.example/',
        npm_config_cafile: '/etc/corp-ca.pem',
        npm_lifecycle_event: 'paved',
        PIP_INDEX_URL: 'https://pypi.corp.example/simple',
        DOCKER_HOST: 'unix:///run/docker.sock',
        GITHUB_TOKEN: 'ghp_secret',
        ACTIONS_RUNTIME_TOKEN: 'secret',
        INPUT_PASSWORD: 'secret',
        AWS_SECRET_ACCESS_KEY: 'secret',
      },
      '/nonexistent/bin/node',
    );
    expect(passed).toEqual({
      HTTPS_PROXY: 'http://proxy:3128',
      no_proxy: 'localhost',
      NODE_EXTRA_CA_CERTS: '/etc/corp-ca.pem',
      SSL_CERT_FILE: '/etc/ssl/certs/ca.pem',
      npm_config_registry: 'https://npm.corp.example/',
      npm_config_cafile: '/etc/corp-ca.pem',
      PIP_INDEX_URL: 'https://pypi.corp.example/simple',
      DOCKER_HOST: 'unix:///run/docker.sock',
    });
  });
});

describe('job summaries', () => {
  const markdown = [
    '## ❌ Deploy quality gate: fail (score 33.3)',
    '',
    '| Objective | Result |',
    '| --- | --- |',
    '| `error-rate` | ❌ fail |',
    '| `latency-p95` | ✅ pass |',
    '',
    '- **Decided by:** error-rate rose',
    '',
    '<p>Incident <a href="http://127.0.0.1:4321/acme/shop/issues/1">#1</a> opened; <a href="http://127.0.0.1:9090">Prometheus</a></p>',
    '',
    '```mermaid',
    'xychart-beta',
    '```',
  ].join('\n');

  it('renders as terminal text with aligned tables and no chart source', () => {
    const text = summaryToText(markdown, ['http://127.0.0.1:4321']);
    expect(text).toContain('❌ Deploy quality gate: fail (score 33.3)');
    expect(text).toMatch(/^Objective {5}Result$/m);
    expect(text).toMatch(/^error-rate {4}❌ fail$/m);
    expect(text).toContain('Incident #1 opened; Prometheus (http://127.0.0.1:9090)');
    expect(text).toContain('• Decided by: error-rate rose');
    expect(text).not.toContain('xychart');
  });

  it('keeps live links and turns links into the dead emulator into text', () => {
    const html = summaryToHtml(
      'Deploy',
      [{ job: 'Staging / Quality gate', html: markdown }],
      ['http://127.0.0.1:4321'],
    );
    expect(html).toContain('<table>');
    expect(html).toContain('href="http://127.0.0.1:9090"');
    expect(html).not.toContain('href="http://127.0.0.1:4321');
    expect(html).toContain('<span title="recorded locally: http://127.0.0.1:4321/acme/shop/issues/1">#1</span>');
  });
});
