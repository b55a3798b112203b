// The example Grafana dashboard (examples/grafana/paved-releases.json) is valid against Grafana's
// published schema package (@grafana/schema), uses one datasource throughout, its queries parse as
// PromQL, and the Paved metrics it reads are exactly what the deploy step and the gate push.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { parser } from '@prometheus-io/lezer-promql';
import { defaultDashboard } from '@grafana/schema';
import { markerText } from '@paved/core/deploy';
import { GATE_METRIC_NAMES, verdictMetricsText, type GateReport } from '@paved/core/gate';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const FILE = path.join(ROOT, 'examples', 'grafana', 'paved-releases.json');
const FIXTURE = path.join(ROOT, 'test', 'consistency', 'grafana-dashboard.fixture.ts');
const require = createRequire(import.meta.url);

interface DatasourceRef {
  type?: string;
  uid?: string;
}
interface Target {
  datasource?: DatasourceRef;
  expr: string;
  refId: string;
}
interface Panel {
  id: number;
  type: string;
  title: string;
  datasource?: DatasourceRef;
  gridPos: { h: number; w: number; x: number; y: number };
  targets?: Target[];
  panels?: Panel[];
}
interface Annotation {
  name: string;
  builtIn?: number;
  datasource: DatasourceRef;
  expr?: string;
  target?: { expr?: string; refId?: string };
  titleFormat?: string;
  useValueForTime?: boolean;
}
interface Variable {
  name: string;
  type: string;
  datasource?: DatasourceRef;
  query?: string | { query: string };
  definition?: string;
}
interface DashboardJson {
  uid: string;
  title: string;
  schemaVersion: number;
  panels: Panel[];
  annotations: { list: Annotation[] };
  templating: { list: Variable[] };
}

const dashboard = JSON.parse(readFileSync(FILE, 'utf8')) as DashboardJson;
const PROMETHEUS: DatasourceRef = { type: 'prometheus', uid: '${datasource}' };
const panels = dashboard.panels.flatMap((panel) => [panel, ...(panel.panels ?? [])]);
const variables = dashboard.templating.list;
const queryAnnotations = dashboard.annotations.list.filter((annotation) => !annotation.builtIn);

/** Every PromQL query of the dashboard, with where it is. */
const queries: Array<{ where: string; expr: string }> = [
  ...panels.flatMap((panel) =>
    (panel.targets ?? []).map((target) => ({ where: `panel '${panel.title}'`, expr: target.expr })),
  ),
  ...queryAnnotations.map((annotation) => ({
    where: `annotation '${annotation.name}'`,
    expr: annotation.target?.expr ?? annotation.expr ?? '',
  })),
  // label_values(selector, label) is Grafana's, not PromQL: its selector is.
  ...variables
    .filter((variable) => variable.type === 'query')
    .map((variable) => {
      const query = typeof variable.query === 'string' ? variable.query : (variable.query?.query ?? '');
      const selector = /^label_values\((.+),\s*[a-zA-Z_][a-zA-Z0-9_]*\)$/.exec(query)?.[1];
      return { where: `variable '${variable.name}'`, expr: selector ?? query };
    }),
];

/** Grafana's own variables a query may use besides the dashboard's. */
const BUILT_IN_VARIABLES = ['__rate_interval', '__interval', '__range'];

/** Replaces variables with values of the same syntactic kind, so the result is plain PromQL. */
function bind(expr: string): string {
  return expr.replace(/\$\{?(\w+)\}?/g, (_, name: string) => (name.startsWith('__') ? '5m' : 'value'));
}

interface Selector {
  metric: string;
  labels: string[];
}

/** The metric selectors of a query, from the syntax tree, or the place it stops parsing. */
function selectorsOf(expr: string): { selectors: Selector[]; error?: string } {
  const text = bind(expr);
  const tree = parser.parse(text);
  const selectors: Selector[] = [];
  let error: string | undefined;
  tree.iterate({
    enter(node) {
      if (node.type.isError) error ??= `does not parse at character ${node.from + 1} of ${text}`;
      if (node.name === 'VectorSelector') {
        const identifier = node.node.getChild('Identifier');
        const matchers = node.node.getChild('LabelMatchers');
        const labels = matchers
          ? matchers.node.getChildren('UnquotedLabelMatcher').map((matcher) => {
              const name = matcher.getChild('LabelName');
              return name ? text.slice(name.from, name.to) : '';
            })
          : [];
        if (identifier) selectors.push({ metric: text.slice(identifier.from, identifier.to), labels });
      }
      return undefined;
    },
  });
  return error ? { selectors, error } : { selectors };
}

/** The metric families and each one's labels in Prometheus text, as a push would carry them. */
function familiesOf(text: string): Map<string, Set<string>> {
  const families = new Map<string, Set<string>>();
  for (const line of text.split('\n')) {
    const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*)\{([^}]*)\}/.exec(line);
    if (!match) continue;
    const labels = families.get(match[1] as string) ?? new Set<string>();
    for (const pair of (match[2] as string).matchAll(/([a-zA-Z_]\w*)="/g)) labels.add(pair[1] as string);
    families.set(match[1] as string, labels);
  }
  return families;
}

/** What Paved pushes: the deploy step's marker and a gate verdict with one objective. */
function pushedByPaved(): Map<string, Set<string>> {
  const marker = markerText({ service: 's', environment: 'e', version: 'v', sha: 'x', at: new Date() });
  const report = {
    score: 100,
    objectives: [{ name: 'o', status: 'pass', baseline: { median: 1 }, candidate: { median: 1 } }],
  } as unknown as GateReport;
  const verdict = verdictMetricsText(
    { service: 's', environment: 'e', version: 'v', deploymentId: 1 },
    'pass',
    new Date(),
    report,
  );
  const families = familiesOf(`${marker}${verdict}`);
  // The push's grouping key and Prometheus's target labels are on every series.
  for (const labels of families.values())
    for (const label of ['service', 'environment', 'job', 'instance']) labels.add(label);
  return families;
}

describe('examples/grafana/paved-releases.json', () => {
  it("is a classic dashboard document of a schema version Grafana's schema package knows", () => {
    expect(dashboard.uid).toMatch(/^[a-zA-Z0-9_-]{1,40}$/);
    expect(Number.isInteger(dashboard.schemaVersion)).toBe(true);
    // 36: datasources referenced as {type, uid}, as this file does; the package's own version is the newest.
    expect(dashboard.schemaVersion).toBeGreaterThanOrEqual(36);
    expect(dashboard.schemaVersion).toBeLessThanOrEqual(defaultDashboard.schemaVersion);
  });

  it('type-checks against Dashboard from @grafana/schema, and the check catches a broken copy', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'paved-grafana-'));
    try {
      const schemaTypes = require
        .resolve('@grafana/schema/package.json')
        .replace(/package\.json$/, 'dist/types/index.d.ts');
      writeFileSync(path.join(dir, 'package.json'), '{"type":"module"}\n');
      writeFileSync(
        path.join(dir, 'tsconfig.json'),
        JSON.stringify({
          compilerOptions: {
            target: 'ES2023',
            module: 'NodeNext',
            moduleResolution: 'NodeNext',
            strict: true,
            resolveJsonModule: true,
            noEmit: true,
            skipLibCheck: true,
            types: [],
            paths: { '@grafana/schema': [schemaTypes] },
          },
          files: ['fixture.ts'],
        }),
      );
      writeFileSync(
        path.join(dir, 'fixture.ts'),
        readFileSync(FIXTURE, 'utf8').replace('../../examples/grafana/paved-releases.json', './dashboard.json'),
      );
      const tsc = require.resolve('typescript/bin/tsc');
      const compile = (json: unknown) => {
        writeFileSync(path.join(dir, 'dashboard.json'), JSON.stringify(json));
        const result = spawnSync(process.execPath, [tsc, '-p', dir], { encoding: 'utf8' });
        return { status: result.status, output: `${result.stdout}${result.stderr}` };
      };

      const real = compile(dashboard);
      expect(real.output).toBe('');
      expect(real.status).toBe(0);

      const broken = structuredClone(dashboard) as unknown as { panels: Array<{ gridPos: unknown }> };
      (broken.panels[0] as { gridPos: unknown }).gridPos = { h: '8', w: 12, x: 0, y: 0 };
      const refused = compile(broken);
      expect(refused.status).not.toBe(0);
      expect(refused.output).toContain("The types of 'gridPos.h' are incompatible");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("uses only panel types Grafana's schema package describes", () => {
    const composable = path.join(
      path.dirname(require.resolve('@grafana/schema/package.json')),
      'dist/types/raw/composable',
    );
    const known = new Set(
      readdirSync(composable).filter((name) => readdirSync(path.join(composable, name)).includes('panelcfg')),
    );
    // Plugin ids are the folder names, hyphens left out (state-timeline lives in statetimeline).
    const unknown = panels
      .map((panel) => panel.type)
      .filter((type) => type !== 'row' && !known.has(type.replace(/-/g, '')));
    expect(unknown).toEqual([]);
    expect(known.has('timeseries')).toBe(true);
  });

  it('lays panels out without overlap, with unique ids', () => {
    expect(new Set(panels.map((panel) => panel.id)).size).toBe(panels.length);
    const cells = new Set<string>();
    for (const { gridPos, title } of panels) {
      expect({ title, fits: gridPos.x >= 0 && gridPos.x + gridPos.w <= 24 && gridPos.h > 0 }).toEqual({
        title,
        fits: true,
      });
      for (let x = gridPos.x; x < gridPos.x + gridPos.w; x += 1)
        for (let y = gridPos.y; y < gridPos.y + gridPos.h; y += 1) {
          expect(cells.has(`${x},${y}`)).toBe(false);
          cells.add(`${x},${y}`);
        }
    }
  });

  it('refers to one Prometheus datasource, chosen by its datasource variable, everywhere', () => {
    const datasourceVariable = variables.find((variable) => variable.name === 'datasource');
    expect(datasourceVariable).toMatchObject({ type: 'datasource', query: 'prometheus' });
    const references = [
      ...panels.filter((panel) => panel.type !== 'row').map((panel) => [`panel '${panel.title}'`, panel.datasource]),
      ...panels.flatMap((panel) =>
        (panel.targets ?? []).map((target) => [`panel '${panel.title}' ${target.refId}`, target.datasource]),
      ),
      ...queryAnnotations.map((annotation) => [`annotation '${annotation.name}'`, annotation.datasource]),
      ...variables
        .filter((variable) => variable.type === 'query')
        .map((variable) => [`variable '${variable.name}'`, variable.datasource]),
    ];
    expect(references.filter(([, reference]) => JSON.stringify(reference) !== JSON.stringify(PROMETHEUS))).toEqual([]);
    expect(references.length).toBeGreaterThan(10);
  });

  it('uses only variables it defines or Grafana provides', () => {
    const defined = new Set([...variables.map((variable) => variable.name), ...BUILT_IN_VARIABLES]);
    const used = queries.flatMap(({ where, expr }) =>
      [...expr.matchAll(/\$\{?(\w+)\}?/g)].map((match) => [where, match[1]]),
    );
    expect(used.filter(([, name]) => !defined.has(name as string))).toEqual([]);
    // Every panel and annotation is scoped to the chosen environment and service.
    const unscoped = queries.filter(
      ({ where, expr }) =>
        !where.startsWith('variable') && !(expr.includes('$environment') && expr.includes('$service')),
    );
    expect(unscoped).toEqual([]);
  });

  it('has queries that all parse as PromQL', () => {
    expect(queries.map(({ where, expr }) => ({ where, error: selectorsOf(expr).error }))).toEqual(
      queries.map(({ where }) => ({ where, error: undefined })),
    );
    expect(queries.length).toBeGreaterThanOrEqual(10);
  });

  it('reads the Paved metrics and labels that Paved pushes, and every metric the gate pushes', () => {
    const pushed = pushedByPaved();
    const used = queries.flatMap(({ where, expr }) =>
      selectorsOf(expr)
        .selectors.filter((selector) => selector.metric.startsWith('paved_'))
        .map((selector) => ({ where, ...selector })),
    );
    const unknown = used.flatMap(({ where, metric, labels }) => {
      const known = pushed.get(metric);
      if (!known) return [`${where}: ${metric} is not pushed`];
      return labels.filter((label) => !known.has(label)).map((label) => `${where}: ${metric} has no label ${label}`);
    });
    expect(unknown).toEqual([]);
    expect([...pushed.keys()].filter((name) => name.startsWith('paved_gate_')).sort()).toEqual(
      [...GATE_METRIC_NAMES].sort(),
    );
    expect(new Set(used.map((selector) => selector.metric))).toEqual(
      new Set([...GATE_METRIC_NAMES, 'paved_deployment']),
    );
  });

  it("reads the service's metrics that the example service exposes", () => {
    const service = readFileSync(path.join(ROOT, 'examples', 'service', 'server.mjs'), 'utf8');
    const exposed = new Set([...service.matchAll(/# TYPE (\w+) (counter|gauge|histogram)/g)].map((match) => match[1]));
    const own = queries
      .flatMap(({ expr }) => selectorsOf(expr).selectors)
      .map((selector) => selector.metric)
      .filter((metric) => !metric.startsWith('paved_'));
    expect(own.length).toBeGreaterThan(0);
    expect(own.filter((metric) => !exposed.has(metric.replace(/_(bucket|sum|count)$/, '')))).toEqual([]);
  });

  it('draws releases and verdicts as annotations at the time each happened', () => {
    const byName = Object.fromEntries(queryAnnotations.map((annotation) => [annotation.name, annotation]));
    expect(Object.keys(byName)).toEqual(['Releases', 'Gate passed', 'Gate failed', 'Gate without a verdict']);
    for (const annotation of queryAnnotations) {
      // The series' value is the Unix time of the event — a release or a verdict, not the scrape —
      // in seconds; Grafana reads a value used as the time in milliseconds.
      expect(annotation.useValueForTime).toBe(true);
      expect(annotation.target?.expr).toBe(annotation.expr);
      expect(annotation.target?.expr).toMatch(/^paved_(deployment|gate_verdict_timestamp_seconds)\{[^}]*\} \* 1000$/);
      expect(annotation.titleFormat).toMatch(/\{\{version\}\}/);
    }
  });
});
