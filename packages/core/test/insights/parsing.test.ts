import { decideGate, type ObjectiveResult } from '../../src/gate/index.js';
import { parseGateStatus } from '../../src/insights/gate-status.js';
import { parsePeriod } from '../../src/insights/period.js';
import { validateDeployment, validateStatus } from '../../src/insights/records.js';

const NOW = Date.UTC(2026, 10, 30, 12);
const DAY = 86_400_000;

describe('parsePeriod', () => {
  it('reads days, weeks and whole-day date ranges', () => {
    expect(parsePeriod(undefined, "Input 'period'", NOW)).toEqual({ since: NOW - 30 * DAY, until: NOW, text: '30d' });
    expect(parsePeriod('12w', "Input 'period'", NOW).since).toBe(NOW - 84 * DAY);
    expect(parsePeriod('2026-01-01..2026-01-31', '--period', NOW)).toEqual({
      since: Date.UTC(2026, 0, 1),
      until: Date.UTC(2026, 1, 1),
      text: '2026-01-01..2026-01-31',
    });
  });

  it.each(['30', 'last month', '0d', '2026-02-30..2026-03-01', '2026-03-01..2026-02-01', '1y'])(
    "refuses '%s' with one message naming where it came from and the forms it takes",
    (text) => {
      expect(() => parsePeriod(text, "Input 'period'", NOW)).toThrow(
        `Input 'period' must be a number of days or weeks such as 30d or 12w (at most 3660 days), or a date range such as 2026-01-01..2026-03-31, got '${text}'`,
      );
    },
  );
});

function objective(name: string, status: ObjectiveResult['status'], critical = false): ObjectiveResult {
  return { name, status, critical, weight: 1 } as ObjectiveResult;
}

/** The description deploy-quality-gate records (metrics/feedback.ts), cut where GitHub cuts it. */
function recorded(results: ObjectiveResult[]): string {
  const decision = decideGate(results, { passScore: 90, warnScore: 75 });
  return `Quality gate: ${decision.verdict} (score ${decision.score}). ${decision.reason}`.slice(0, 140);
}

describe('parseGateStatus reads what the gate records', () => {
  const status = (description: string) => parseGateStatus({ id: 1, state: 'failure', description, at: 0 });

  it('a critical failure names its objective', () => {
    const gate = status(recorded([objective('error-rate', 'fail', true), objective('latency', 'pass')]));
    expect(gate).toMatchObject({ verdict: 'fail', score: 50, failed: ['error-rate'], unjudged: [], truncated: false });
  });

  it('a score below warn-score names every failed objective', () => {
    const gate = status(recorded([objective('a', 'fail'), objective('b', 'fail'), objective('c', 'pass')]));
    expect(gate).toMatchObject({ verdict: 'fail', failed: ['a', 'b'] });
  });

  it('warn, and inconclusive with the objectives that could not be judged', () => {
    const results = [...Array.from({ length: 4 }, (_, i) => objective(`ok-${i}`, 'pass')), objective('p95', 'fail')];
    expect(status(recorded(results))).toMatchObject({ verdict: 'warn', failed: ['p95'] });
    expect(status(recorded([objective('saturation', 'inconclusive'), objective('x', 'pass')]))).toMatchObject({
      verdict: 'inconclusive',
      unjudged: ['saturation'],
      failed: [],
    });
  });

  it('a pass names nothing; a reason cut at 140 characters is flagged, not guessed', () => {
    expect(status(recorded([objective('a', 'pass')]))).toMatchObject({ verdict: 'pass', failed: [], truncated: false });
    const long = Array.from({ length: 8 }, (_, i) => objective(`objective-with-a-long-name-${i}`, 'fail', true));
    const gate = status(recorded(long));
    expect(gate?.verdict).toBe('fail');
    expect(gate?.truncated).toBe(true);
    expect(gate?.failed).toEqual([]);
  });

  it('ignores statuses that are not the gate’s', () => {
    expect(status('v1.2.0 took traffic at 2026-01-01T00:00:00Z')).toBeUndefined();
    expect(status('Quality gate: maybe (score 1). x')).toBeUndefined();
  });
});

describe('validateDeployment treats records as evidence', () => {
  const good = {
    id: 7,
    sha: 'a'.repeat(40),
    environment: 'production',
    created_at: '2026-05-01T10:00:00Z',
    payload: { image: 'r/shop@sha256:' + 'b'.repeat(64), digest: `sha256:${'b'.repeat(64)}`, version: 'v1' },
  };

  it('accepts Paved’s payload, as an object or as the JSON string GitHub may return', () => {
    expect(validateDeployment(good)).toMatchObject({ ok: true, value: { id: 7, kind: 'deploy', version: 'v1' } });
    expect(validateDeployment({ ...good, payload: JSON.stringify({ ...good.payload, rollback_of: 3 }) })).toMatchObject(
      {
        ok: true,
        value: { kind: 'rollback', rollbackOf: 3 },
      },
    );
  });

  it('knows a rollback that named no bad deployment by what it restores or how rollback describes it', () => {
    expect(validateDeployment({ ...good, payload: { ...good.payload, restores_deployment_id: 3 } })).toMatchObject({
      value: { kind: 'rollback' },
    });
    expect(validateDeployment({ ...good, description: 'Roll back production to v1: pager' })).toMatchObject({
      value: { kind: 'rollback' },
    });
    expect(validateDeployment({ ...good, description: 'Deploy v2 to production' })).toMatchObject({
      value: { kind: 'deploy' },
    });
  });

  it('skips deployments that are not Paved’s without calling them damage', () => {
    expect(validateDeployment({ ...good, payload: {} })).toMatchObject({ ok: false, paved: false });
    expect(validateDeployment({ ...good, payload: 'not json' })).toMatchObject({ ok: false, paved: false });
  });

  it.each([
    [{ sha: 'nope' }, 'sha is not 40 hex'],
    [{ created_at: 'yesterday' }, 'created_at is not a time'],
    [{ environment: '' }, 'no environment'],
    [{ payload: { ...good.payload, digest: 'sha256:xyz' } }, 'payload.digest'],
    [{ payload: { ...good.payload, version: 42 } }, 'payload.version'],
    [{ payload: { ...good.payload, rollback_of: '12; rm -rf /' } }, 'payload.rollback_of'],
    [{ payload: { ...good.payload, rollback_of: 7 } }, 'names the deployment itself'],
  ])('counts %j as malformed', (change, reason) => {
    const result = validateDeployment({ ...good, ...change });
    expect(result).toMatchObject({ ok: false, paved: true });
    expect((result as { reason: string }).reason).toContain(reason);
  });

  it('validates statuses', () => {
    expect(validateStatus({ id: 1, state: 'success', created_at: '2026-05-01T10:00:00Z' }, 7)).toMatchObject({
      ok: true,
    });
    expect(validateStatus({ id: 1, state: 'exploded', created_at: '2026-05-01T10:00:00Z' }, 7)).toMatchObject({
      ok: false,
    });
    expect(validateStatus({ id: 1, state: 'success' }, 7)).toMatchObject({ ok: false });
  });
});
