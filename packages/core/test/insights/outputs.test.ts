import { analyseEnvironment } from '../../src/insights/analyse.js';
import { reportCsv } from '../../src/insights/csv.js';
import { reportHtml } from '../../src/insights/html.js';
import { reportMarkdown } from '../../src/insights/markdown.js';
import type { LedgerEntry } from '../../src/insights/records.js';
import type { InsightsReport } from '../../src/insights/report.js';
import { reportText } from '../../src/insights/text.js';

const T0 = Date.UTC(2026, 5, 1, 9);
const HOUR = 3_600_000;
const HOSTILE = `<script>alert(1)</script>"|=cmd`;

function entry(
  id: number,
  at: number,
  statuses: [LedgerEntry['statuses'][number]['state'], number, string?][],
  more: Partial<LedgerEntry> = {},
): LedgerEntry {
  return {
    id,
    sha: String(id % 10).repeat(40),
    environment: HOSTILE,
    createdAt: at,
    kind: 'deploy',
    version: `=HYPERLINK("x")`,
    digest: `sha256:${'a'.repeat(64)}`,
    statuses: statuses.map(([state, offset, description], index) => ({
      id: id * 10 + index,
      state,
      at: at + offset,
      description: description ?? '',
    })),
    ...more,
  };
}

function report(): InsightsReport {
  const entries = [
    entry(1, T0, [['success', 60_000]]),
    entry(2, T0 + 24 * HOUR, [
      ['success', 60_000],
      [
        'failure',
        10 * 60_000,
        `Quality gate: fail (score 0). Critical objective '${HOSTILE}' failed, which fails the gate whatever the score (0).`,
      ],
    ]),
    entry(3, T0 + 24 * HOUR + 20 * 60_000, [['success', 60_000]], { kind: 'rollback', rollbackOf: 2 }),
    entry(4, T0 + 48 * HOUR, [['success', 60_000]]),
  ];
  const commits = new Map([[4, [{ sha: 'f'.repeat(40), at: T0 + 47 * HOUR }]]]);
  const environment = analyseEnvironment(
    { environment: HOSTILE, entries, commits },
    { since: T0 - HOUR, until: T0 + 7 * 24 * HOUR },
  );
  return {
    repository: 'acme/shop',
    period: {
      since: new Date(T0 - HOUR).toISOString(),
      until: new Date(T0 + 7 * 24 * HOUR).toISOString(),
      text: '7d',
      days: 7,
    },
    generatedAt: new Date(T0 + 7 * 24 * HOUR).toISOString(),
    environments: [environment],
    api: { requests: 9, retries: 0, pages: 1 },
    ignored: { malformed: 0, notPaved: 0 },
    warnings: [],
    bandSource: 'DORA 2023',
  };
}

describe('the figures of a small known history', () => {
  it('computes the four keys from the links between records', () => {
    const [env] = report().environments;
    expect(env!.changeFailure).toMatchObject({ failed: 1, rate: 1 / 3, byCause: { 'rolled-back': 1 } });
    expect(env!.rows.find((row) => row.deploymentId === 2)!.causes).toEqual(['rolled-back', 'gate-failed']);
    // Went live at +1 min, the rollback took traffic at +21 min.
    expect(env!.restore).toMatchObject({ count: 1, medianMs: 20 * 60_000, band: 'elite', unrestored: 0 });
    // Release 4 is compared with release 1 (2 failed): one commit, an hour and a minute before it took traffic.
    expect(env!.leadTime).toMatchObject({ count: 1, medianMs: HOUR + 60_000, unmeasuredFirstRelease: 1 });
    expect(env!.gate.objectives).toEqual([{ name: HOSTILE, failed: 1, unjudged: 0 }]);
  });
});

describe('outputs keep ledger text as text', () => {
  it('CSV quotes and defuses formulas', () => {
    const csv = reportCsv(report());
    expect(csv.split('\r\n')[0]).toBe(
      'environment,deployment_id,kind,version,sha,created_at,went_live_at,outcome,causes,rollback_of,rolled_back_by,restored_at,time_to_restore_s,commits,lead_time_median_s,gate',
    );
    expect(csv).toContain(`"'=HYPERLINK(""x"")"`);
    expect(csv).toContain(`"<script>alert(1)</script>""|=cmd"`);
    expect(csv).toContain(',failed,rolled-back gate-failed,,3,');
  });

  it('markdown escapes tables and keeps Mermaid labels plain', () => {
    const markdown = reportMarkdown(report());
    expect(markdown).not.toContain('<script>');
    expect(markdown).toContain('&lt;script&gt;');
    expect(markdown).toContain('title "Releases per week, scriptalert1scriptcmd"');
    expect(markdown).toContain('```mermaid\nxychart-beta');
    expect(markdown).toMatch(/\| Change failure rate \| 33\.3% \| Low \|/);
  });

  it('HTML escapes everything and asks for nothing from the network', () => {
    const html = reportHtml(report());
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;&quot;|=cmd');
    expect(html).toContain(`content="default-src 'none'; style-src 'unsafe-inline'"`);
    expect(html).not.toMatch(/(src|href)="https?:/);
  });

  it('the terminal text has no control characters from the ledger', () => {
    const data = report();
    data.environments[0]!.environment = 'prod\u001b[31mred';
    expect(reportText(data)).not.toContain('\u001b');
  });
});
