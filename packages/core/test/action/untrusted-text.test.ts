import { summary } from '@actions/core';
import {
  html,
  htmlBlock,
  htmlCode,
  htmlLink,
  markdown,
  markdownCode,
  markdownLink,
  mention,
} from '../../src/action/index.js';
import type { GateReport } from '../../src/gate/index.js';
import { incidentMarkdown } from '../../src/rollback/incident-issue.js';
import type { RollbackReport } from '../../src/rollback/index.js';
import {
  addDeploySummary,
  addQualityGateErrorSummary,
  addRollbackSummary,
  qualityGateComment,
} from '../../src/summary/index.js';
import type { DeployReport } from '../../src/deploy/index.js';

// What someone outside can put in a dispatch reason, a deployment record, a Prometheus error or
// an HTTP body, and what each would do if it reached a summary, a comment or an issue as markup.
const HOSTILE = [
  '<img src=x onerror=alert(1)>',
  '[click](javascript:alert(1))',
  '![track](https://evil.example/pixel.png)',
  'a | b | c',
  '`code` ``` fence',
  'ping @acme/security and @mallory',
  'see #1',
  '<!-- paved:incident:production -->',
  'line one\n\n# Heading\n\n[phish](https://evil.example)',
  '</pre></details><script>x()</script>',
].join(' ');

/**
 * In Markdown (comments, issues, the gate's summary): outside code spans (where GitHub reads
 * nothing as markup or mention), no markup character left unescaped.
 */
function assertInert(markdownText: string) {
  const text = markdownText.replace(/(^|[^\\])`[^`]*`/g, '$1');
  expect(text).not.toMatch(/(^|[^\\])<(img|script|\/pre|!--)/);
  expect(text).not.toMatch(/(^|[^\\])\]\(javascript:/);
  expect(text).not.toMatch(/(^|[^\\])!\[track\]/);
  expect(text).not.toMatch(/@mallory|@acme\/security/);
}

/**
 * In the HTML of a job summary: no tag from outside, no blank line (which would end the HTML
 * block and let Markdown in), no `href` but http(s), and no mention outside code.
 */
function assertInertHtml(text: string) {
  expect(text).not.toMatch(/<(img|script|!--)|<\/pre><\/details><script/);
  expect(text).not.toMatch(/\n[ \t]*\n/);
  expect(text).not.toMatch(/href="(?!https?:)/);
  const outsideCode = text.replace(/<code>[^<]*<\/code>|<pre>[^<]*(?:<(?!\/pre>)[^<]*)*<\/pre>/g, '');
  expect(outsideCode).not.toMatch(/@mallory|@acme\/security/);
}

describe('escaping text from outside', () => {
  it('html: no tag, no mention, no blank line that would let Markdown in', () => {
    const out = html(HOSTILE);
    assertInertHtml(out);
    expect(out).not.toContain('\n');
    expect(out).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html('a & "b" \'c\'')).toBe('a &amp; &quot;b&quot; &#39;c&#39;');
  });

  it('htmlBlock keeps lines but no blank one; htmlCode keeps an image reference exact', () => {
    const out = htmlBlock('first\n\n</pre><img src=x>\n  \nlast');
    expect(out.split('\n')).toHaveLength(5);
    expect(out).not.toMatch(/\n\s*\n/);
    expect(out).toContain('&lt;/pre&gt;&lt;img src=x&gt;');
    expect(htmlCode('ghcr.io/acme/shop@sha256:ab')).toBe('<code>ghcr.io/acme/shop@sha256:ab</code>');
  });

  it('links only http(s) URLs, and quotes cannot leave the attribute', () => {
    expect(htmlLink('javascript:alert(1)')).toBe('javascript:alert(1)');
    expect(htmlLink('https://shop.example/"onmouseover="x')).not.toContain('href');
    expect(htmlLink('https://shop.example/a?b=1&c=2')).toBe(
      '<a href="https://shop.example/a?b=1&amp;c=2">https://shop.example/a?b=1&amp;c=2</a>',
    );
    expect(markdownLink('run', 'javascript:alert(1)')).toBe('run');
    expect(markdownLink('run', 'https://ci.example/a)(b')).toBe('[run](https://ci.example/a%29%28b)');
    expect(markdownLink('run', 'https://ci.example/a b')).toBe('run');
  });

  it('markdown: every markup character escaped, one line, no mention, no table split', () => {
    const out = markdown(HOSTILE);
    assertInert(out);
    expect(out).not.toContain('\n');
    expect(out).not.toMatch(/(^|[^\\])\|/);
    expect(out).not.toMatch(/(^|[^\\])`/);
    expect(markdownCode('a|b`c\nd')).toBe("`a\\|b'c d`");
    expect(mention('ada')).toBe('@ada');
    expect(mention('github-actions[bot]')).toBe('@github-actions[bot]');
    expect(mention('x](javascript:y)')).toBe('x\\](javascript:y)');
  });
});

const report = (extra: Partial<RollbackReport> = {}): RollbackReport => ({
  environment: 'production',
  service: 'shop',
  where: 'docker at ssh://deploy@web1',
  outcome: 'failure',
  reason: HOSTILE,
  actor: 'ada',
  runUrl: 'https://github.com/acme/shop/actions/runs/1',
  url: 'javascript:alert(1)',
  startedAt: '2026-11-30T12:00:00.000Z',
  from: {
    deploymentId: 12,
    version: HOSTILE,
    image: HOSTILE,
    failure: HOSTILE,
    failureLogUrl: 'javascript:alert(2)',
    logUrl: 'https://ci.example/run)[x](javascript:alert(3)',
    creator: 'mallory](javascript:alert(4))',
    createdAt: '2026-11-30T11:00:00Z',
  },
  to: { image: 'ghcr.io/acme/shop@sha256:aa', digest: 'sha256:aa', version: 'v1 | evil', sha: 'a'.repeat(40) },
  badMarked: false,
  phases: [],
  totalMs: 0,
  warnings: [HOSTILE],
  error: `${HOSTILE}\n\n${HOSTILE}`,
  migrateRollback: { command: HOSTILE, at: 'before', outcome: 'failure', ms: 1, output: `${HOSTILE}\n\n@mallory` },
  ...extra,
});

describe('where outside text lands', () => {
  beforeEach(() => summary.emptyBuffer());

  it('the incident issue', () => {
    const text = incidentMarkdown(
      report(),
      [{ number: 7, title: HOSTILE, url: 'javascript:alert(5)', author: 'mallory)' } as never],
      'https://github.com/acme/shop',
    );
    assertInert(text);
    expect(text).not.toContain('javascript:alert(3)](');
    // Every row of the timeline keeps its two cells.
    for (const row of text.split('\n').filter((line) => line.startsWith('| 2026'))) {
      expect(row.replace(/\\\|/g, '').split('|')).toHaveLength(4);
    }
  });

  it('the rollback and deploy summaries', () => {
    addRollbackSummary(summary, report());
    const deploy: DeployReport = {
      environment: 'production',
      version: HOSTILE,
      digest: 'sha256:aa',
      where: HOSTILE,
      outcome: 'failure',
      url: 'javascript:alert(1)',
      error: `${HOSTILE}\n\n${HOSTILE}`,
      logs: `${HOSTILE}\n\n${HOSTILE}`,
      phases: [],
      warnings: [HOSTILE],
      removed: [],
      totalMs: 0,
    } as unknown as DeployReport;
    addDeploySummary(summary, deploy);
    const text = summary.stringify();
    assertInertHtml(text);
    expect(text).not.toContain('href="javascript');
  });

  it("the quality gate's summary and pull request comment", () => {
    addQualityGateErrorSummary(summary, `Prometheus answered 400: ${HOSTILE}`, 'prometheus');
    assertInert(summary.stringify());
    const gate = {
      version: 1,
      verdict: 'fail',
      score: 0,
      reason: `Prometheus said: ${HOSTILE}`,
      environment: 'production',
      prometheus: HOSTILE,
      slo: { file: 'slo.yml', passScore: 90, warnScore: 75 },
      deployedAt: '2026-11-30T12:00:00Z',
      decidedAt: '2026-11-30T12:10:00Z',
      secondsAfterDeploy: 600,
      stoppedEarly: false,
      looks: 1,
      baselineWindow: { start: 'a', end: 'b' },
      candidateWindow: { start: 'c', end: 'd' },
      stepSeconds: 15,
      objectives: [],
    } as unknown as GateReport;
    const comment = qualityGateComment(gate, { runUrl: 'javascript:alert(1)', sha: 'a'.repeat(40) });
    assertInert(comment);
    expect(comment).toContain('The run, with every number and a chart per objective\n');
  });
});
