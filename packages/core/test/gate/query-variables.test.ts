import { bindQueryVariables } from '../../src/gate/query-variables.js';
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
