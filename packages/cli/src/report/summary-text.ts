// Job summaries are GitHub-flavoured Markdown mixed with HTML (what @actions/core's summary
// writes, and what GitHub renders). In a terminal they become text: headings, aligned tables,
// list items, the verdict lines; for the browser an HTML copy whose links to local,
// short-lived endpoints are turned into plain text.
import { marked } from 'marked';
import { table } from './format.js';

/** The summary as GitHub would render it. */
export function summaryHtml(markdown: string): string {
  return marked.parse(markdown, { gfm: true, async: false });
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", apos: "'", nbsp: ' ' };

function decode(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
    if (name.startsWith('#x')) return String.fromCodePoint(parseInt(name.slice(2), 16));
    if (name.startsWith('#') && name !== '#39') return String.fromCodePoint(Number(name.slice(1)));
    return ENTITIES[name.toLowerCase()] ?? whole;
  });
}

function inline(html: string): string {
  return decode(
    html
      .replace(/<br\s*\/?>/gi, ' ')
      .replace(/<a\b[^>]*href="([^"]*)"[^>]*>([\s\S]*?)<\/a>/gi, (_all, href: string, text: string) => {
        const label = text.replace(/<[^>]+>/g, '').trim();
        return decode(href) === decode(label) ? label : `${label} (${href})`;
      })
      .replace(/<[^>]+>/g, '')
      .replace(/\s+/g, ' ')
      .trim(),
  );
}

// A terminal row stays readable; the whole cell is in the HTML copy.
const CELL_WIDTH = 90;
const clip = (cell: string) => (cell.length > CELL_WIDTH ? `${cell.slice(0, CELL_WIDTH - 1)}…` : cell);

function renderTable(html: string): string {
  const rows = [...html.matchAll(/<tr\b[^>]*>([\s\S]*?)<\/tr>/gi)].map((row) =>
    [...row[1]!.matchAll(/<t[hd]\b[^>]*>([\s\S]*?)<\/t[hd]>/gi)].map((cell) => clip(inline(cell[1]!))),
  );
  return rows.length > 0 ? `\n${table(rows).join('\n')}\n` : '';
}

/** The summary as terminal text; links show their address unless it is in `deadOrigins`. */
export function summaryToText(markdown: string, deadOrigins: string[] = []): string {
  let text = summaryHtml(markdown)
    .replace(/<a\b[^>]*href="([^"]*)"[^>]*>([\s\S]*?)<\/a>/gi, (_all, href: string, label: string) => {
      const shown = label.replace(/<[^>]+>/g, '').trim();
      const dead = deadOrigins.some((origin) => origin && decode(href).startsWith(origin));
      return dead || decode(href) === decode(shown) ? label : `${label} (${href})`;
    })
    // Charts need a browser: they stay in the HTML copy.
    .replace(/<pre><code class="language-mermaid">[\s\S]*?<\/code><\/pre>/g, '<p>(chart in the HTML copy)</p>')
    .replace(
      /<table\b[\s\S]*?<\/table>/gi,
      (found) => `\uE000${Buffer.from(renderTable(found)).toString('base64')}\uE000`,
    );
  text = text
    .replace(/<pre\b[^>]*>([\s\S]*?)<\/pre>/gi, (_all, body: string) => `\n${decode(body.replace(/<[^>]+>/g, ''))}\n`)
    .replace(/<h([1-6])\b[^>]*>([\s\S]*?)<\/h\1>/gi, (_all, level: string, body: string) => {
      const title = inline(body);
      return `\n${title}\n${(Number(level) <= 2 ? '=' : '-').repeat(Math.min(title.length, 80))}\n`;
    })
    .replace(/<summary\b[^>]*>([\s\S]*?)<\/summary>/gi, (_all, body: string) => `\n▸ ${inline(body)}\n`)
    .replace(/<li\b[^>]*>([\s\S]*?)<\/li>/gi, (_all, body: string) => `\n  • ${inline(body)}`)
    .replace(/<\/?(p|div|ul|ol|details|br)\b[^>]*>/gi, '\n')
    .replace(/<!--[\s\S]*?-->/g, '');
  text = text
    .split('\n')
    .map((line) => (line.includes('\uE000') ? line : decode(line.replace(/<[^>]+>/g, '')).replace(/[ \t]+$/, '')))
    .join('\n')
    .replace(/\uE000([A-Za-z0-9+/=]*)\uE000/g, (_all, encoded: string) => Buffer.from(encoded, 'base64').toString());
  return text
    .split('\n')
    .map((line) => line.trimEnd())
    .join('\n')
    .replace(/\n\s*\n( {2}• )/g, '\n$1')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/**
 * The summaries as one HTML page. Links into `deadOrigins` (the emulator, gone after the run,
 * or github.com for a repository that exists only here) keep their text and lose the link.
 */
export function summaryToHtml(
  title: string,
  sections: Array<{ job: string; html: string }>,
  deadOrigins: string[],
): string {
  const dead = (href: string) => deadOrigins.some((origin) => origin && decode(href).startsWith(origin));
  const body = sections
    .map(({ job, html }) => {
      const relinked = summaryHtml(html).replace(
        /<a\b([^>]*)href="([^"]*)"([^>]*)>([\s\S]*?)<\/a>/gi,
        (all, _a, href: string, _b, text: string) =>
          dead(href) ? `<span title="recorded locally: ${href}">${text}</span>` : all,
      );
      return `<section><h1 class="job">${escape(job)}</h1>\n${relinked}\n</section>`;
    })
    .join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escape(title)}</title>
<style>body{font:14px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem}
table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.25rem .5rem;text-align:left}
h1.job{font-size:1rem;color:#555;border-bottom:1px solid #ddd}pre{background:#f6f8fa;padding:.5rem;overflow:auto}</style>
</head><body>
${body}
</body></html>
`;
}

function escape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
