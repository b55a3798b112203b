import type { summary as Summary } from '@actions/core';
import { formatDuration } from '../action/duration.js';
import type { HostProgress } from '../targets/index.js';
import { escapeHtml } from './html.js';

const MARK: Record<HostProgress['state'], string> = {
  waiting: '⏸️ not touched',
  releasing: '⏳ releasing',
  switched: '✅ switched',
  failed: '❌ failed',
  'switched back': '↩️ switched back',
  'not switched back': '⚠️ not switched back',
};

/** The fleet's hosts in a release: where each stands, what it serves, how long its phases took. */
export function addFleetSummary(summary: typeof Summary, hosts: readonly HostProgress[]): typeof Summary {
  if (hosts.length === 0) return summary;
  summary.addHeading('Hosts', 3).addTable([
    [
      { data: 'Host', header: true },
      { data: 'Outcome', header: true },
      { data: 'Serves', header: true },
      { data: 'Phases', header: true },
      { data: 'Note', header: true },
    ],
    ...hosts.map((host) => [
      escapeHtml(`${host.name} ${host.host}`),
      MARK[host.state],
      escapeHtml(host.version ?? ''),
      escapeHtml(host.phases.map((p) => `${p.name} ${formatDuration(p.ms)}${p.ok ? '' : ' ✗'}`).join(', ')),
      escapeHtml(host.detail ?? ''),
    ]),
  ]);
  return summary;
}
