// The HTML report in a real browser: Debian's Chromium, headless, driven by playwright-core,
// with every network request refused. It must render, its charts must show the known history,
// and it must stay usable with hundreds of releases.
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { startGitHubEmulator } from '@paved/github-emulator';
import { createGitHubClient } from '@paved/core/github';
import {
  buildInsightsReport,
  githubLedgerSource,
  reportHtml,
  weeklyChart,
  type InsightsReport,
} from '@paved/core/insights';
import { generateHistory, knownAnswers, OWNER, REPO, type GeneratedHistory } from '@paved/test-support/insights';
import { temporaryDirectory } from '@paved/test-support/workspace';

const DAY = 86_400_000;
const CHROMIUM = process.env.PAVED_CHROMIUM ?? '/usr/bin/chromium';
let history: GeneratedHistory;
let report: InsightsReport;
let since: number;
let until: number;
let context: BrowserContext;
let page: Page;
let profile: string;
let file: string;
const requests: string[] = [];
/** The few browser shapes the checks below read (the project compiles without the DOM library). */
interface Drawn {
  getBBox(): { height: number };
}
interface Laid {
  clientHeight: number;
  scrollHeight: number;
  scrollWidth: number;
  getBoundingClientRect(): { width: number; height: number };
  querySelectorAll(selector: string): { length: number };
}
interface BrowserGlobals {
  document: { documentElement: Laid; querySelector(selector: string): Laid | null };
  window: { innerWidth: number };
}
/** Where the page's screenshot goes: beside the report, removed with it after the file. */
let screenshot: string;

beforeAll(async () => {
  history = generateHistory({ releases: { production: 700, staging: 60 }, gapHours: [2, 6], seed: 11 });
  until = history.now;
  since = until - 150 * DAY;
  const emulator = await startGitHubEmulator({ seed: history.seed });
  try {
    const github = createGitHubClient({
      token: 't',
      apiUrl: emulator.url,
      repository: `${OWNER}/${REPO}`,
      throttle: false,
    });
    report = await buildInsightsReport({
      source: githubLedgerSource(github),
      environments: ['production', 'staging'],
      window: { since, until, text: '150d' },
    });
  } finally {
    await emulator.stop();
  }
  const dir = temporaryDirectory('paved-html-');
  file = path.join(dir, 'report.html');
  screenshot = path.join(dir, 'screenshot.png');
  writeFileSync(file, reportHtml(report));
  profile = mkdtempSync(path.join(os.tmpdir(), 'paved-chromium-'));
  context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
    viewport: { width: 1280, height: 900 },
  });
  page = context.pages()[0] ?? (await context.newPage());
  await page.route('**/*', (route) => {
    requests.push(route.request().url());
    return route.request().url().startsWith('file://') ? route.continue() : route.abort();
  });
  await page.goto(`file://${file}`);
  await page.screenshot({ path: screenshot, fullPage: false });
}, 240_000);

afterAll(async () => {
  await context?.close();
  if (profile) rmSync(profile, { recursive: true, force: true });
});

it('renders from the one file and asks the network for nothing', async () => {
  expect(requests).toEqual([`file://${file}`]);
  expect(await page.title()).toBe(`Deployment insights: ${OWNER}/${REPO}`);
  expect(await page.locator('section.environment').count()).toBe(2);
  expect(statSync(screenshot).size).toBeGreaterThan(20_000);
});

it('draws the known releases, failures and rollbacks of every week', async () => {
  for (const environment of ['production', 'staging']) {
    const known = knownAnswers(history, environment, since, until);
    const weeks = await page
      .locator(`section[data-environment="${environment}"] svg.weekly g.week`)
      .evaluateAll((groups) =>
        groups.map((group) => {
          const height = (selector: string) => (group.querySelector(selector) as unknown as Drawn).getBBox().height;
          return {
            week: group.getAttribute('data-week')!,
            releases: Number(group.getAttribute('data-releases')),
            failed: Number(group.getAttribute('data-failed')),
            rollbacks: Number(group.getAttribute('data-rollbacks')),
            good: height('rect.good'),
            bad: height('rect.failed'),
            diamond: group.querySelector('path.rollback') !== null,
          };
        }),
      );
    expect(
      Object.fromEntries(
        weeks.map((w) => [w.week, { releases: w.releases, failed: w.failed, rollbacks: w.rollbacks }]),
      ),
    ).toEqual(known.weeks);
    // Drawn heights follow the counts: one scale for every bar of the chart.
    const scale = weeks.find((w) => w.releases > w.failed)!;
    const unit = scale.good / (scale.releases - scale.failed);
    for (const week of weeks) {
      expect(week.good).toBeCloseTo((week.releases - week.failed) * unit, 0);
      expect(week.bad).toBeCloseTo(week.failed * unit, 0);
      expect(week.diamond).toBe(week.rollbacks > 0);
    }
  }
});

it('marks every release of the period on the timeline', async () => {
  const production = knownAnswers(history, 'production', since, until);
  const marks = await page.locator('section[data-environment="production"] svg.timeline .mark.release').count();
  expect(marks).toBe(production.releases + production.unfinished);
  expect(await page.locator('section[data-environment="production"] svg.timeline .mark.rollback').count()).toBe(
    production.rollbacks,
  );
});

it('stays usable with hundreds of releases: no sideways scroll, the table scrolls in its box', async () => {
  const layout = await page.evaluate(() => {
    // Runs in the page; the project compiles without the DOM library, so the shapes are named here.
    const { document, window } = globalThis as unknown as BrowserGlobals;
    const box = document.querySelector('section[data-environment="production"] .releases')!;
    const chart = document.querySelector('svg.weekly')!;
    return {
      pageWidth: document.documentElement.scrollWidth,
      viewport: window.innerWidth,
      pageHeight: document.documentElement.scrollHeight,
      rows: box.querySelectorAll('tbody tr').length,
      boxHeight: box.clientHeight,
      boxScroll: box.scrollHeight,
      chartWidth: chart.getBoundingClientRect().width,
      chartHeight: chart.getBoundingClientRect().height,
    };
  });
  expect(layout.rows).toBeGreaterThan(500);
  expect(layout.pageWidth).toBeLessThanOrEqual(layout.viewport);
  expect(layout.boxHeight).toBeLessThanOrEqual(420);
  expect(layout.boxScroll).toBeGreaterThan(layout.boxHeight * 10);
  expect(layout.chartWidth).toBeGreaterThan(600);
  expect(layout.chartHeight).toBeGreaterThan(150);
  expect(layout.pageHeight).toBeLessThan(5_000);
});

it('shows the four keys with their bands', async () => {
  const cells = await page.locator('section[data-environment="production"] table.keys tbody tr').allInnerTexts();
  expect(cells.map((row) => row.split('\t')[0])).toEqual([
    'Deployment frequency',
    'Lead time for changes',
    'Change failure rate',
    'Time to restore',
  ]);
  for (const row of cells) expect(row).toMatch(/\t(Elite|High|Medium|Low)\t/);
});

it("the job summary's Mermaid chart parses and draws a bar for every week, as GitHub renders it", async () => {
  const production = report.environments.find((e) => e.environment === 'production')!;
  const source = /```mermaid\n([\s\S]*?)```/.exec(weeklyChart(production))![1]!;
  const mermaid = createRequire(import.meta.url).resolve('mermaid/dist/mermaid.min.js');
  const dir = temporaryDirectory('paved-mermaid-');
  const html = path.join(dir, 'chart.html');
  writeFileSync(html, `<!DOCTYPE html><html><body><script src="file://${mermaid}"></script></body></html>`);
  const chartPage = await context.newPage();
  try {
    await chartPage.goto(`file://${html}`);
    await chartPage.setViewportSize({ width: 900, height: 520 });
    const drawn = await chartPage.evaluate(async (text) => {
      const { mermaid: api } = globalThis as unknown as {
        mermaid: {
          initialize(options: object): void;
          render(id: string, text: string): Promise<{ svg: string }>;
        };
      };
      api.initialize({ startOnLoad: false });
      const { svg } = await api.render('weekly', text);
      return { svg };
    }, source);
    expect(drawn.svg).not.toMatch(/Syntax error/i);
    // Two bar series, releases and failed, one bar per week each, the failed drawn over the releases.
    const series = (index: number) =>
      [
        ...(new RegExp(`<g class="bar-plot-${index}">(.*?)</g>`).exec(drawn.svg)?.[1] ?? '').matchAll(
          /<rect x="([\d.]+)"[^>]* height="([\d.]+)"/g,
        ),
      ].map((match) => ({ x: Number(match[1]), height: Number(match[2]) }));
    const releases = series(0);
    const failed = series(1);
    expect([releases.length, failed.length]).toEqual([production.weeks.length, production.weeks.length]);
    expect(failed.map((bar) => bar.x)).toEqual(releases.map((bar) => bar.x));
    production.weeks.forEach((week, index) => {
      if (week.failed < week.releases) expect(failed[index]!.height).toBeLessThan(releases[index]!.height);
    });
    expect(drawn.svg).toContain('Releases per week, production');
  } finally {
    await chartPage.close();
  }
});
