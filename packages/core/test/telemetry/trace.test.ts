import { traced, type ActionTrace } from '@paved/core/telemetry';

describe('traced without an endpoint', () => {
  it('runs main with a trace whose phases run their work unchanged, and passes its error on', async () => {
    const seen: unknown[] = [];
    const main = async (trace: ActionTrace) => {
      await trace.configure(undefined);
      seen.push(await trace.phase('plan', async () => 'planned'));
      trace.annotate({ environment: 'production', deploymentId: 1 });
      await trace.phase('work', async () => {
        throw new Error('the release did not start');
      });
    };
    await expect(traced('deploy', main, {})()).rejects.toThrow('the release did not start');
    expect(seen).toEqual(['planned']);
  });

  it('turns tracing off with a warning, never failing the run, when a variable is malformed', async () => {
    const run = traced('deploy', async (trace) => trace.configure(undefined), {
      OTEL_EXPORTER_OTLP_ENDPOINT: 'collector:4318',
    });
    await expect(run()).resolves.toBeUndefined();
  });
});
