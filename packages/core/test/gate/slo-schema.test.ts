import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv } from 'ajv';
import { parse } from 'yaml';
import { OBJECTIVE_KEYS, parseSloFile, TOP_KEYS, TRAFFIC_KEYS } from '../../src/gate/slo-file.js';

// The editor schema (schemas/slo.schema.json) and the parser the gate runs must agree.
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..', '..');
const schema = JSON.parse(readFileSync(path.join(root, 'schemas', 'slo.schema.json'), 'utf8')) as {
  properties: Record<string, { items?: { properties: object }; oneOf?: Array<{ properties?: object }> }>;
};
const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);

describe('the SLO file schema', () => {
  it('allows exactly the keys the parser reads', () => {
    expect(Object.keys(schema.properties).sort()).toEqual([...TOP_KEYS].sort());
    expect(Object.keys(schema.properties.objectives?.items?.properties ?? {}).sort()).toEqual(
      [...OBJECTIVE_KEYS].sort(),
    );
    expect(Object.keys(schema.properties.traffic?.oneOf?.[1]?.properties ?? {}).sort()).toEqual(
      [...TRAFFIC_KEYS].sort(),
    );
  });

  it("accepts the README's example, which the parser accepts too", () => {
    const readme = readFileSync(path.join(root, 'actions', 'deploy-quality-gate', 'README.md'), 'utf8');
    const example = /## The SLO file\n\n```yaml\n([\s\S]*?)```/.exec(readme)?.[1] as string;
    expect(validate(parse(example))).toBe(true);
    expect(parseSloFile(example, 'slo.yml').traffic).toEqual({
      query: 'sum(rate(http_requests_total{job="shop"}[1m]))',
      minShare: 0.25,
      min: 1,
    });
  });

  it('refuses what the parser refuses', () => {
    const objective = { name: 'e', query: 'up', direction: 'lower', max: 1 };
    for (const bad of [
      { objectives: [] },
      { objectives: [{ ...objective, direction: 'down' }] },
      { objectives: [{ name: 'e', query: 'up', direction: 'lower' }] },
      { objectives: [{ ...objective, 'max-regression': 10 }] },
      { objectives: [objective], traffic: { 'min-share': 0.5 } },
      { objectives: [objective], trafic: 'x' },
      // Reaches PromQL as a label name: only a label name passes, never one of Prometheus's own.
      { objectives: [objective], 'track-label': 'paved.dev/track' },
      { objectives: [objective], 'track-label': 'track"} or vector(1) #' },
      { objectives: [objective], 'track-label': '__name__' },
    ]) {
      expect(validate(bad)).toBe(false);
      expect(() => parseSloFile(JSON.stringify(bad), 'slo.json')).toThrow();
    }
  });
});
