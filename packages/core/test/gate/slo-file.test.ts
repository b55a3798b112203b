import { parseSloFile, SloFileError } from '../../src/gate/slo-file.js';

const VALID = `objectives:
  - name: error-rate
    query: sum(rate(errors[1m])) / sum(rate(requests[1m]))
    direction: lower
    max: 0.02
    max-regression: 10%
    critical: true
  - name: throughput
    query: sum(rate(requests[1m]))
    direction: higher
    min: 5
    weight: 2
pass-score: 95
`;

function errorOf(text: string): string {
  try {
    parseSloFile(text, 'slo.yml');
  } catch (error) {
    expect(error).toBeInstanceOf(SloFileError);
    return (error as Error).message;
  }
  throw new Error('expected an SloFileError');
}

describe('the SLO file', () => {
  it('reads objectives with their defaults', () => {
    const slo = parseSloFile(VALID, 'slo.yml');
    expect(slo).toEqual({
      file: 'slo.yml',
      passScore: 95,
      warnScore: 75,
      traffic: { minShare: 0.25, min: 0 },
      trackLabel: 'paved_dev_track',
      objectives: [
        {
          name: 'error-rate',
          query: 'sum(rate(errors[1m])) / sum(rate(requests[1m]))',
          direction: 'lower',
          max: 0.02,
          maxRegression: 0.1,
          weight: 1,
          critical: true,
        },
        {
          name: 'throughput',
          query: 'sum(rate(requests[1m]))',
          direction: 'higher',
          min: 5,
          weight: 2,
          critical: false,
        },
      ],
    });
  });

  it('reads JSON too', () => {
    const json = JSON.stringify({ objectives: [{ name: 'p95', query: 'x', direction: 'lower', max: 1 }] });
    expect(parseSloFile(json, 'slo.json').objectives[0]?.max).toBe(1);
  });

  it.each([
    [
      VALID.replace('max-regression: 10%', 'max-regression: 10'),
      "slo.yml (line 6): objective 'error-rate', key 'max-regression': must be a percentage such as 10%, got 10",
    ],
    [
      VALID.replace('direction: lower', 'direction: down'),
      "slo.yml (line 4): objective 'error-rate', key 'direction': must be lower or higher (which way is better), got 'down'",
    ],
    [
      VALID.replace('max-regression', 'max_regression'),
      "slo.yml (line 6): objective 'error-rate': unknown key 'max_regression' (did you mean 'max-regression'?)",
    ],
    [
      VALID.replace('    query: sum(rate(requests[1m]))\n', ''),
      "objective 'throughput', key 'query': required: a PromQL expression",
    ],
    [
      VALID.replace('weight: 2', 'weight: -1'),
      "slo.yml (line 12): objective 'throughput', key 'weight': must be a positive number, got -1",
    ],
    [VALID.replace('max: 0.02', 'max: "0.02"'), "objective 'error-rate', key 'max': must be a number, got '0.02'"],
    [VALID.replace('name: throughput', 'name: error-rate'), "key 'name': 'error-rate' is used twice"],
    [
      VALID.replace('pass-score: 95', 'pass-score: 50'),
      "slo.yml (line 13): key 'warn-score' (75) must not be above pass-score (50)",
    ],
    ['objectives: []\n', 'slo.yml (line 1): key `objectives` must be a non-empty list'],
    [
      'objectives:\n  - name: a\n    query: up\n    direction: lower\n',
      "objective 'a' has nothing to judge: set max, min or max-regression",
    ],
    [
      'objectives: [\n',
      'slo.yml is not valid YAML or JSON (line 2): Flow sequence in block collection must be sufficiently indented and end with a ]',
    ],
    ['- 1\n', 'slo.yml: must be a mapping with an `objectives:` list'],
  ])('refuses a mistake, naming the key: %#', (text, message) => {
    expect(errorOf(text)).toContain(message);
  });
});
