import { bindCanarySides, bindQueryVariables } from '../../src/gate/query-variables.js';
import { parseSloFile, SloFileError } from '../../src/gate/slo-file.js';

const SHARED = `objectives:
  - name: error-rate
    query: sum(rate(http_requests_total{environment="\${environment}",code=~"5.."}[1m])) / sum(rate(http_requests_total{environment="\${environment}"}[1m]))
    direction: lower
    max: 0.02
  - name: by-pod
    query: sum(label_replace(up{environment="\${environment}"}, "pod", "\${1}", "instance", "(.*):.*"))
    direction: higher
    min: 1
  - name: throughput
    query: sum(rate(http_requests_total[1m]))
    direction: higher
    min: 5
`;

describe('bindQueryVariables', () => {
  const slo = parseSloFile(SHARED, 'slo.yml');

  it('puts the environment into every query that asks for it and leaves the others as written', () => {
    const bound = bindQueryVariables(slo, { environment: 'staging' });
    expect(bound.objectives.map((o) => o.query)).toEqual([
      'sum(rate(http_requests_total{environment="staging",code=~"5.."}[1m])) / sum(rate(http_requests_total{environment="staging"}[1m]))',
      'sum(label_replace(up{environment="staging"}, "pod", "${1}", "instance", "(.*):.*"))',
      'sum(rate(http_requests_total[1m]))',
    ]);
    // The file as read stays untouched: one SloFile serves both environments.
    expect(slo.objectives[0]!.query).toContain('${environment}');
    expect(bindQueryVariables(slo, { environment: 'production' }).objectives[1]!.query).toContain(
      'up{environment="production"}',
    );
  });

  it('escapes the value for a PromQL string, so a name cannot end the matcher', () => {
    const bound = bindQueryVariables(slo, { environment: 'qa"} or vector(1) #\\' });
    expect(bound.objectives[0]!.query).toContain('environment="qa\\"} or vector(1) #\\\\"');
  });

  it('refuses a query that needs the environment when none is given, naming the objective and the input', () => {
    expect(() => bindQueryVariables(slo, {})).toThrow(SloFileError);
    expect(() => bindQueryVariables(slo, { environment: '' })).toThrow(
      "slo.yml: objective 'error-rate' queries ${environment}, but the input 'environment' is empty: " +
        'pass the environment the release went to (environment: staging)',
    );
  });

  it('needs no environment when no query uses it', () => {
    const plain = parseSloFile(
      'objectives:\n  - name: up\n    query: sum(up)\n    direction: higher\n    min: 1\n',
      'slo.yml',
    );
    expect(bindQueryVariables(plain, {})).toEqual(plain);
  });
});

const TRACKED = `objectives:
  - name: error-rate
    query: sum(rate(http_requests_total{environment="\${environment}", \${track}, code=~"5.."}[1m])) / sum(rate(http_requests_total{environment="\${environment}", \${track}}[1m]))
    direction: lower
    max-regression: 20%
traffic: sum(rate(http_requests_total{\${track}, environment="\${environment}"}[1m]))
`;

describe('${track}: which pods a query selects', () => {
  const slo = parseSloFile(TRACKED, 'slo.yml');

  it('matches the canary, the stable pods (labelled stable, or not yet labelled) or every pod', () => {
    const query = (track: 'canary' | 'stable' | 'all') =>
      bindQueryVariables(slo, { environment: 'production', track }).objectives[0]!.query;
    expect(query('canary')).toBe(
      'sum(rate(http_requests_total{environment="production", paved_dev_track="canary", code=~"5.."}[1m])) / ' +
        'sum(rate(http_requests_total{environment="production", paved_dev_track="canary"}[1m]))',
    );
    expect(query('stable')).toContain('{environment="production", paved_dev_track!="canary", code=~"5.."}');
    expect(query('all')).toContain('{environment="production", paved_dev_track=~".*", code=~"5.."}');
    // Not a canary: the whole service, as before ${track} existed.
    expect(bindQueryVariables(slo, { environment: 'production' }).objectives[0]!.query).toBe(query('all'));
    expect(bindQueryVariables(slo, { environment: 'production', track: 'canary' }).traffic.query).toBe(
      'sum(rate(http_requests_total{paved_dev_track="canary", environment="production"}[1m]))',
    );
  });

  it('matches on the label the SLO file names', () => {
    const custom = parseSloFile(`${TRACKED}track-label: track\n`, 'slo.yml');
    expect(bindQueryVariables(custom, { environment: 'qa', track: 'stable' }).traffic.query).toBe(
      'sum(rate(http_requests_total{track!="canary", environment="qa"}[1m]))',
    );
  });

  it('refuses a track-label that is not a label name, so nothing but a name reaches PromQL', () => {
    for (const bad of ['paved.dev/track', 'track"} or vector(1) #', '__name__', '1track', '']) {
      expect(() => parseSloFile(`${TRACKED}track-label: '${bad}'\n`, 'slo.yml')).toThrow(
        /^slo\.yml \(line 7\): key 'track-label' must be a Prometheus label name .*such as paved_dev_track, got /,
      );
    }
    expect(() => parseSloFile(`${TRACKED}track-label: 3\n`, 'slo.yml')).toThrow(SloFileError);
  });

  it('binds in one pass: an environment that spells ${track} stays text inside its string', () => {
    const bound = bindQueryVariables(slo, { environment: '${track}', track: 'canary' }).objectives[0]!.query;
    expect(bound).toContain('{environment="${track}", paved_dev_track="canary", code=~"5.."}');
  });

  it('gives a canary both sides from one file', () => {
    const { canary, stable } = bindCanarySides(slo, { environment: 'production' });
    expect(canary.objectives.map((o) => o.name)).toEqual(stable.objectives.map((o) => o.name));
    expect(canary.objectives[0]!.query).toContain('paved_dev_track="canary"');
    expect(stable.objectives[0]!.query).toContain('paved_dev_track!="canary"');
    expect(stable.traffic.query).toContain('paved_dev_track!="canary"');
  });

  it('refuses to judge a canary by a query that cannot tell it from the stable pods, naming the objective', () => {
    const mixed = parseSloFile(
      `${TRACKED.replace(
        'traffic:',
        `  - name: latency
    query: histogram_quantile(0.95, sum by (le) (rate(latency_seconds_bucket[1m])))
    direction: lower
    max: 0.5
traffic:`,
      )}`,
      'slo.yml',
    );
    expect(() => bindCanarySides(mixed, { environment: 'production' })).toThrow(
      "slo.yml: the release is a canary (input 'canary' is deployed), but objective 'latency' does not select a track, " +
        "so the canary's series could not be told from the stable pods'. Add ${track} to the selectors of the " +
        'service\'s series, e.g. http_requests_total{service="shop", ${track}} (it matches the label track-label, paved_dev_track)',
    );
    // Judged as a whole-service release, the same file is fine.
    expect(bindQueryVariables(mixed, { environment: 'production' }).objectives).toHaveLength(2);
  });
});
