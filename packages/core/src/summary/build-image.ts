import type { summary as Summary } from '@actions/core';
import { formatDuration, htmlBlock } from '../action/index.js';
import type { ImageBuildResult } from '../image/index.js';
import { code, escapeHtml, type SummaryTableRow } from './html.js';

/** The build-image job summary: what was built, where it went, and the one reference deploy must use. */
export function addBuildImageSummary(summary: typeof Summary, result: ImageBuildResult): typeof Summary {
  const heading = result.pushed ? `Image pushed: ${result.image}` : `Image built: ${result.image} (not pushed)`;
  return summary
    .addHeading(escapeHtml(heading), 2)
    .addTable(buildImageRows(result))
    .addDetails('Labels', `<pre>${htmlBlock(formatLabels(result.labels))}</pre>`);
}

/** Header first, then one row per fact; cells are escaped HTML and never empty. */
export function buildImageRows(result: ImageBuildResult): SummaryTableRow[] {
  const rows: [string, string][] = [
    ['Image', code(result.image)],
    ['Digest', result.digest ? code(result.digest) : '— (not pushed)'],
    ['Deploy this', result.ref ? code(result.ref) : '—'],
    ['Tags', result.tags.map((tag) => code(tag.slice(result.image.length + 1))).join('<br>')],
    ['Size', formatSize(result.size, result.sizeKind)],
    ['Build time', formatDuration(result.buildMs)],
    ['Push', pushCell(result)],
    ['Builder', `${escapeHtml(result.builder)} (docker ${escapeHtml(result.cli.version)})`],
  ];
  return [
    [
      { data: 'Property', header: true },
      { data: 'Value', header: true },
    ],
    ...rows.map(([name, value]) => [name, value]),
  ];
}

function pushCell(result: ImageBuildResult): string {
  if (!result.pushed) return 'not pushed (push: false)';
  const retries = result.pushAttempts - (result.builder === 'buildx' ? 1 : result.tags.length);
  const parts = [result.builder === 'buildx' ? 'with the build' : formatDuration(result.pushMs)];
  if (retries > 0) parts.push(`${retries} retr${retries === 1 ? 'y' : 'ies'}`);
  parts.push(result.confirmed ? 'digest confirmed by the registry' : 'digest as reported by docker push');
  return parts.join(', ');
}

export function formatSize(bytes: number | undefined, kind?: 'compressed' | 'unpacked'): string {
  if (bytes === undefined) return '—';
  const units = ['B', 'kB', 'MB', 'GB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit += 1;
  }
  const number = unit === 0 ? String(value) : value.toFixed(value < 10 ? 2 : 1);
  return `${number} ${units[unit]}${kind ? ` (${kind})` : ''}`;
}

function formatLabels(labels: Record<string, string>): string {
  return Object.entries(labels)
    .map(([name, value]) => `${name}=${value}`)
    .join('\n');
}
