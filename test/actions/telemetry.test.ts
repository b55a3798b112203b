// Traces end to end: the committed deploy and deploy-quality-gate bundles, run as the runner runs
// them with an OTLP endpoint, send their trace to a real Jaeger (built from its Go module by
// scripts/build-jaeger.sh), and the test reads it back through Jaeger's query API.
import { chmodSync } from 'node:fs';
import { startGitHubEmulator, type GitHubEmulator } from '@paved/github-emulator';
import { freePort, startJaeger, type Jaeger, type JaegerSpan, type JaegerTrace } from '@paved/stack';
import { serviceSlo } from '@paved/test-support/gate';
import { errorsOf, runAction, warningsOf } from '@paved/test-support/harness';
import { makeWorkspace } from '@paved/test-support/workspace';

const DIGEST = `sha256:${'ab'.repeat(32)}`;
const IMAGE = `registry.example.com/acme/shop@${DIGEST}`;
const HEADER_SECRET = 'otlp-S3CRET-token';

let jaeger: Jaeger;
let gh: GitHubEmulator;

const CONFIG = `service: shop
environments:
  production:
    target: command
    command: ./deploy.sh
  canary:
    target: command
    command: ./deploy.sh
`;

/** A command target that prints what it runs; exits 1 when `fail` is set. */
function deployScript(fail = false): string {
  return `#!/bin/sh
echo "deploying $PAVED_IMAGE"
${fail ? 'echo "the new release did not start" >&2\nexit 1' : 'echo "digest=$PAVED_DIGEST"'}
`;
}

function workspaceWith(script: string): string {
  const ws = makeWorkspace({ '.github/paved.yml': CONFIG, 'deploy.sh': script });
  chmodSync(`${ws}/deploy.sh`, 0o755);
  return ws;
}

function deploy(options: { inputs?: Record<string, string>; env?: Record<string, string>; fail?: boolean }) {
  return runAction('deploy', {
    inputs: { environment: 'production', image: IMAGE, version: 'v7', ...options.inputs },
    workspace: workspaceWith(deployScript(options.fail)),
    github: { apiUrl: gh.url },
    env: options.env,
  });
}

/** The one trace Jaeger holds for a service, once the batch processor has stored it. */
async function onlyTrace(service: string): Promise<JaegerTrace> {
  for (let attempt = 0; attempt < 100; attempt++) {
    const traces = await jaeger.traces(service);
    if (traces.length > 0) {
      expect(traces).toHaveLength(1);
      return traces[0]!;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`Jaeger holds no trace for service ${service}; its log is ${jaeger.logFile}`);
}

const tagsOf = (tags: Array<{ key: string; value: unknown }>) => Object.fromEntries(tags.map((t) => [t.key, t.value]));
const rootOf = (trace: JaegerTrace) => trace.spans.find((span) => span.references.length === 0)!;
const childrenOf = (trace: JaegerTrace, parent: JaegerSpan) =>
  trace.spans
    .filter((span) => span.references.some((ref) => ref.refType === 'CHILD_OF' && ref.spanID === parent.spanID))
    .sort((a, b) => a.startTime - b.startTime);

describe('traces of the deploy and gate bundles in a real Jaeger', () => {
  beforeAll(async () => {
    [jaeger, gh] = await Promise.all([startJaeger(), startGitHubEmulator({ autoCreate: true })]);
  }, 120_000);
  afterAll(async () => {
    await Promise.allSettled([jaeger?.stop(), gh?.stop()]);
  });

  it('a deploy sends one trace: a root span for the run, a span per phase, the release in semantic-convention attributes', async () => {
    const run = await deploy({ inputs: { 'otlp-endpoint': jaeger.otlpEndpoint } });
    expect(errorsOf(run)).toEqual([]);
    expect(warningsOf(run)).toEqual([]);
    expect(run.exitCode).toBe(0);
    const id = run.outputs['deployment-id'];

    const trace = await onlyTrace('paved');
    const root = rootOf(trace);
    expect(root.operationName).toBe('deploy');
    expect(tagsOf(root.tags)).toMatchObject({
      'span.kind': 'server',
      'cicd.pipeline.task.name': 'deploy',
      'cicd.pipeline.task.type': 'deploy',
      'cicd.pipeline.result': 'success',
      'deployment.environment.name': 'production',
      'deployment.id': id,
      'deployment.status': 'succeeded',
      'paved.release.version': 'v7',
      'container.image.name': 'registry.example.com/acme/shop',
      'oci.manifest.digest': DIGEST,
    });
    // The phases the deploy logged, each a child span of the run, in order.
    const logged = [...run.log.matchAll(/phase ([\w-]+):/g)].map((match) => match[1]);
    expect(logged).toEqual(expect.arrayContaining(['lock', 'record', 'verify']));
    const phases = childrenOf(trace, root);
    expect(phases.map((span) => span.operationName)).toEqual(logged);
    for (const span of phases) {
      expect(tagsOf(span.tags)).toMatchObject({ 'paved.phase': span.operationName, 'otel.status_code': 'OK' });
      expect(span.startTime).toBeGreaterThanOrEqual(root.startTime);
      expect(span.startTime + span.duration).toBeLessThanOrEqual(root.startTime + root.duration);
    }
    // The workflow run and the commit describe the process: the same for every span of the run.
    const process = trace.processes[root.processID]!;
    expect(process.serviceName).toBe('paved');
    expect(tagsOf(process.tags)).toMatchObject({
      'vcs.provider.name': 'github',
      'vcs.repository.url.full': expect.stringMatching(/\/acme\/shop$/),
      'vcs.ref.head.revision': expect.stringMatching(/^[0-9a-f]{40}$/),
      'cicd.pipeline.run.id': expect.any(String),
    });
  });

  it('a failed deploy is traced from the OpenTelemetry variables, its failed phase marked, headers masked', async () => {
    const run = await deploy({
      fail: true,
      env: {
        OTEL_EXPORTER_OTLP_ENDPOINT: jaeger.otlpEndpoint,
        OTEL_EXPORTER_OTLP_HEADERS: `authorization=Bearer%20${HEADER_SECRET}`,
        OTEL_SERVICE_NAME: 'paved-failing',
      },
    });
    expect(run.exitCode).toBe(1);
    expect(errorsOf(run)).toHaveLength(1);
    // The header is masked before anything is logged: the runner's log never shows it.
    expect(run.stdout).toContain(`::add-mask::Bearer ${HEADER_SECRET}`);
    expect(run.log).not.toContain(HEADER_SECRET);

    const trace = await onlyTrace('paved-failing');
    const root = rootOf(trace);
    expect(tagsOf(root.tags)).toMatchObject({
      'cicd.pipeline.result': 'failure',
      'deployment.status': 'failed',
      'otel.status_code': 'ERROR',
      'error.type': expect.stringMatching(/^(user|platform|bug)$/),
      'deployment.environment.name': 'production',
    });
    const failed = childrenOf(trace, root).filter((span) => tagsOf(span.tags)['otel.status_code'] === 'ERROR');
    expect(failed.map((span) => span.operationName)).toHaveLength(1);
  });

  it('a backend that does not answer is a warning naming the endpoint; the deploy succeeds', async () => {
    const endpoint = `http://127.0.0.1:${await freePort()}`;
    const run = await deploy({ inputs: { 'otlp-endpoint': endpoint } });
    expect(run.exitCode).toBe(0);
    expect(errorsOf(run)).toEqual([]);
    expect(warningsOf(run)).toEqual([
      expect.stringContaining(`The trace of this run was not sent to ${endpoint}/v1/traces`),
    ]);
    expect(run.outputs['deployment-id']).toMatch(/^\d+$/);
  });

  it('a rollback sends its trace: the release it brings back, a span per phase', async () => {
    const earlier = `registry.example.com/acme/shop@sha256:${'cd'.repeat(32)}`;
    for (const [image, version] of [
      [earlier, 'v8'],
      [IMAGE, 'v9'],
    ] as const) {
      const run = await deploy({ inputs: { environment: 'canary', image, version } });
      expect(run.exitCode).toBe(0);
    }
    const run = await runAction('rollback', {
      inputs: { environment: 'canary', reason: 'v9 fails checkout', 'otlp-endpoint': jaeger.otlpEndpoint },
      workspace: workspaceWith(deployScript()),
      github: { apiUrl: gh.url },
      env: { OTEL_SERVICE_NAME: 'paved-rollback' },
    });
    expect(errorsOf(run)).toEqual([]);
    expect(run.exitCode).toBe(0);

    const trace = await onlyTrace('paved-rollback');
    const root = rootOf(trace);
    expect(root.operationName).toBe('rollback');
    expect(tagsOf(root.tags)).toMatchObject({
      'cicd.pipeline.result': 'success',
      'deployment.environment.name': 'canary',
      'deployment.id': run.outputs['deployment-id'],
      'deployment.status': 'succeeded',
      'paved.release.version': 'v8',
      'oci.manifest.digest': `sha256:${'cd'.repeat(32)}`,
    });
    const logged = [...run.log.matchAll(/phase ([\w-]+):/g)].map((match) => match[1]);
    expect(childrenOf(trace, root).map((span) => span.operationName)).toEqual(logged);
    expect(logged).toEqual(expect.arrayContaining(['lock', 'plan', 'record', 'start', 'verify']));
  });

  it('the gate sends its trace with the verdict, also when it cannot judge', async () => {
    const prometheus = `http://127.0.0.1:${await freePort()}`;
    const run = await runAction('deploy-quality-gate', {
      inputs: {
        'prometheus-url': prometheus,
        slo: 'slo.yml',
        'deployed-at': new Date(Date.now() - 60_000).toISOString(),
        environment: 'production',
        'otlp-endpoint': jaeger.otlpEndpoint,
      },
      workspace: makeWorkspace({ 'slo.yml': serviceSlo('shop') }),
      env: { OTEL_SERVICE_NAME: 'paved-gate' },
    });
    expect(run.exitCode).toBe(1);
    expect(run.outputs.verdict).toBe('error');

    const trace = await onlyTrace('paved-gate');
    const root = rootOf(trace);
    expect(root.operationName).toBe('deploy-quality-gate');
    expect(tagsOf(root.tags)).toMatchObject({
      'cicd.pipeline.task.type': 'test',
      'cicd.pipeline.result': 'failure',
      'paved.gate.verdict': 'error',
      'deployment.environment.name': 'production',
    });
    const phases = childrenOf(trace, root);
    expect(phases.map((span) => [span.operationName, tagsOf(span.tags)['otel.status_code']])).toEqual([
      ['evaluate', 'ERROR'],
      ['feedback', 'OK'],
    ]);
  });
});
