import type { summary as Summary } from '@actions/core';
import path from 'node:path';
import { formatDuration } from '../action/duration.js';
import type { DependencySaveResult } from '../setup/dependency-cache.js';
import type { PreparedProject, SetupResult } from '../setup/prepare.js';
import { escapeHtml, type SummaryTableRow } from './html.js';

/** A row as core.summary.addTable takes it (@actions/core does not export the type by name). */

const HEADER: SummaryTableRow = ['Ecosystem', 'Runtime', 'Packages', 'Dependency cache', 'Restore', 'Install'].map(
  (data) => ({ data, header: true }),
);

/**
 * The setup job summary: what was detected, the runtime versions and where they came from,
 * cache hit or miss with its key, and the time spent restoring and installing. The post step
 * adds the save (addSetupSaveSummary).
 */
export function addSetupSummary(summary: typeof Summary, result: SetupResult): typeof Summary {
  const { metadata } = result;
  summary
    .addHeading(escapeHtml(setupHeadline(result)), 2)
    .addRaw(
      `<p>Version <code>${escapeHtml(metadata.version)}</code> (from ${metadata.versionSource}), ` +
        `commit <code>${escapeHtml(metadata.shortSha)}</code>, ref <code>${escapeHtml(metadata.refName)}</code> ` +
        `(slug <code>${escapeHtml(metadata.refSlug)}</code>${metadata.isDefaultBranch ? ', default branch' : ''}); ` +
        `prepared in ${formatDuration(result.durationMs)}, cache mode <code>${result.mode}</code>.</p>`,
      true,
    );
  if (result.projects.length === 0) {
    return summary.addRaw(
      `<p>No Node, Python or Go project found in <code>${escapeHtml(result.workingDirectory)}</code>.</p>`,
      true,
    );
  }
  return summary.addTable(setupSummaryRows(result));
}

export function setupHeadline(result: SetupResult): string {
  if (result.projects.length === 0) return 'Setup: build metadata only';
  const runtimes = result.projects.map((p) => `${p.project.language} ${p.runtime.version}`).join(', ');
  const caches = result.projects.filter((p) => p.cache);
  const cache =
    caches.length === 0
      ? 'no dependency cache'
      : result.cacheHit
        ? 'cache hit'
        : caches.some((p) => p.cache?.matchedKey)
          ? 'partial cache hit'
          : 'cache miss';
  return `Setup: ${runtimes} — ${cache}`;
}

/** The table rows, header first; every cell is escaped HTML. */
export function setupSummaryRows(result: SetupResult): SummaryTableRow[] {
  return [HEADER, ...result.projects.map(row)];
}

function row(prepared: PreparedProject): SummaryTableRow {
  const { project, runtime, cache } = prepared;
  const requested = runtime.request
    ? `${escapeHtml(runtime.request.spec)} from ${escapeHtml(runtime.request.source)}`
    : 'none requested';
  const where =
    runtime.source === 'download'
      ? `downloaded in ${formatDuration(runtime.durationMs)}, checksum ${escapeHtml(runtime.checksum ?? 'not checked')}`
      : runtime.source === 'tool-cache'
        ? "runner's tool cache"
        : 'already on PATH';
  const lockfile = project.lockfile ? path.basename(project.lockfile) : `no ${project.expectedLockfile}`;
  return [
    `${project.language} <code>${escapeHtml(path.basename(project.manifest))}</code>`,
    `<code>${escapeHtml(runtime.version)}</code><br>${requested}<br>${where}`,
    `${escapeHtml(project.packageManager.name)} (${escapeHtml(lockfile)})`,
    cacheCell(prepared),
    cache ? formatDuration(cache.restoreMs) : '—',
    prepared.install
      ? `${formatDuration(prepared.install.durationMs)}<br><code>${escapeHtml(prepared.install.command)}</code>`
      : `skipped: ${escapeHtml(prepared.installNote ?? '')}`,
  ];
}

function cacheCell({ cache, cacheNote }: PreparedProject): string {
  if (!cache) return `— ${escapeHtml(cacheNote ?? 'not used')}`;
  const key = `<code>${escapeHtml(cache.key)}</code>`;
  if (cache.hit) return `✅ hit<br>${key}`;
  if (cache.matchedKey) return `🔶 partial: restored <code>${escapeHtml(cache.matchedKey)}</code><br>missed ${key}`;
  if (cache.problem) return `⚠️ unavailable: ${escapeHtml(cache.problem)}<br>${key}`;
  return `❌ miss<br>${key}`;
}

/** The post step's part: what was saved, skipped or failed, and how long saving took. */
export function addSetupSaveSummary(summary: typeof Summary, results: DependencySaveResult[]): typeof Summary {
  if (results.length === 0) return summary;
  const lines = results.map((r) => {
    const icon = r.outcome === 'saved' ? '💾 saved' : r.outcome === 'failed' ? '⚠️ not saved' : '⏭️ not saved';
    return (
      `<li>${r.language}: ${icon} <code>${escapeHtml(r.key)}</code> — ${escapeHtml(r.reason)}` +
      `${r.outcome === 'skipped' ? '' : ` (${formatDuration(r.durationMs)})`}</li>`
    );
  });
  return summary.addHeading('Setup: dependency cache save', 3).addRaw(`<ul>${lines.join('')}</ul>`, true);
}
