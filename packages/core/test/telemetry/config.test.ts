import { parseHeaders, releaseAttributes, resolveTraceExport } from '@paved/core/telemetry';

describe('resolveTraceExport', () => {
  const masked: string[] = [];
  const resolve = (input: string | undefined, env: NodeJS.ProcessEnv) =>
    resolveTraceExport(input ? new URL(input) : undefined, env, (secret) => masked.push(secret));
  beforeEach(() => masked.splice(0));

  it('sends nothing without an endpoint, or when the SDK is disabled', () => {
    expect(resolve(undefined, {})).toBeUndefined();
    expect(resolve('http://127.0.0.1:4318', { OTEL_SDK_DISABLED: 'true' })).toBeUndefined();
  });

  it('appends /v1/traces to a base endpoint; the input wins over the environment', () => {
    expect(resolve('https://otel.example.com:4318/', { OTEL_EXPORTER_OTLP_ENDPOINT: 'http://other:4318' })).toEqual({
      url: 'https://otel.example.com:4318/v1/traces',
      headers: {},
      shown: 'https://otel.example.com:4318/v1/traces',
      serviceName: 'paved',
    });
    expect(resolve(undefined, { OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318/otlp' })?.url).toBe(
      'http://collector:4318/otlp/v1/traces',
    );
    expect(
      resolve(undefined, {
        OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318',
        OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://traces:9999/custom',
        OTEL_SERVICE_NAME: 'deploys',
      }),
    ).toMatchObject({ url: 'http://traces:9999/custom', serviceName: 'deploys' });
  });

  it('masks every header value and a password in the URL, and never names them', () => {
    const target = resolve(undefined, {
      OTEL_EXPORTER_OTLP_ENDPOINT: 'https://user:pa%24s@otel.example.com',
      OTEL_EXPORTER_OTLP_HEADERS: 'authorization=Bearer%20tok-1, x-team = payments',
      OTEL_EXPORTER_OTLP_TRACES_HEADERS: 'x-team=checkout',
    });
    expect(target?.headers).toEqual({ authorization: 'Bearer tok-1', 'x-team': 'checkout' });
    expect(masked).toEqual(expect.arrayContaining(['Bearer tok-1', 'checkout', 'pa$s']));
    expect(target?.shown).toBe('https://otel.example.com/v1/traces');
  });

  it('refuses a malformed endpoint or header list, naming the variable and not the value', () => {
    expect(() => resolve(undefined, { OTEL_EXPORTER_OTLP_ENDPOINT: 'collector:4318' })).toThrow(
      /^OTEL_EXPORTER_OTLP_ENDPOINT must be an absolute http or https URL/,
    );
    expect(() => parseHeaders('Bearer-secret-token', 'OTEL_EXPORTER_OTLP_HEADERS')).toThrow(
      "OTEL_EXPORTER_OTLP_HEADERS must be a list like 'api-key=value,other=value'; one entry has no valid header name",
    );
  });
});

describe('releaseAttributes', () => {
  it('names the release with the deployment and OCI conventions, leaving out what is unknown', () => {
    const digest = `sha256:${'0f'.repeat(32)}`;
    expect(
      releaseAttributes({
        environment: 'production',
        deploymentId: 42,
        version: 'v1.2.0',
        image: `ghcr.io/acme/shop@${digest}`,
        succeeded: false,
      }),
    ).toEqual({
      'deployment.environment.name': 'production',
      'deployment.id': '42',
      'deployment.status': 'failed',
      'paved.release.version': 'v1.2.0',
      'container.image.name': 'ghcr.io/acme/shop',
      'oci.manifest.digest': digest,
    });
    expect(releaseAttributes({ verdict: 'pass', score: 97 })).toEqual({
      'paved.gate.verdict': 'pass',
      'paved.gate.score': 97,
    });
  });
});
