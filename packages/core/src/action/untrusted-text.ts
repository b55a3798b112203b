/**
 * Text from outside Paved (a dispatch reason, versions and URLs from deployment records,
 * Prometheus error messages, HTTP bodies, log lines) ends up where people read it: job summaries
 * (HTML inside GitHub Markdown), pull request comments and incident issues (Markdown). There it
 * must stay text: no tags, no links, no images that call out, no table broken by a `|`, no
 * blank line that ends an HTML block and lets Markdown in, no `@mention` that pages someone.
 * Every writer of those places goes through these helpers.
 */

/** A zero-width space: breaks `@name` so GitHub does not notify anyone. */
const ZWSP = '\u200b';

/**
 * For HTML the summary renders inline (a cell, a list item, a heading, a paragraph). Line breaks
 * become `<br>`, so no blank line can end the HTML block and start Markdown.
 */
export function html(text: string): string {
  return htmlEntities(text.replace(/@(?=[\w-])/g, `@${ZWSP}`)).replace(/\r?\n/g, '<br>');
}

/** A `<code>` element: exact text (an image reference stays copyable), on one line. */
export function htmlCode(text: string): string {
  return `<code>${htmlEntities(text).replace(/\r?\n/g, ' ')}</code>`;
}

/**
 * For `<pre>` blocks (log lines, command output): line breaks are kept, but an empty line gets a
 * zero-width space, since a blank line would end the HTML block and the rest would be Markdown.
 * GitHub links no mention inside `<pre>`.
 */
export function htmlBlock(text: string): string {
  return htmlEntities(text)
    .split(/\r?\n/)
    .map((line) => (line.trim() === '' ? `${line}${ZWSP}` : line))
    .join('\n');
}

/** An `href` only for http(s) URLs; anything else (`javascript:`, `data:`) is shown as text, not linked. */
export function htmlLink(url: string | undefined, label = url): string {
  if (!url) return html(label ?? '');
  return isWebUrl(url) ? `<a href="${htmlEntities(url)}">${html(label ?? url)}</a>` : html(label ?? url);
}

/**
 * For Markdown text (comments, issues, the gate's summary), including table cells: `<`, `>`
 * and `&` become entities (no tag, no blockquote), characters that open markup anywhere
 * in a line are backslash-escaped (`[` opens no link, `|` splits no cell), those that do only at
 * its start (`#`, `-`, `1.`) are escaped there, line breaks become spaces and mentions are broken.
 */
export function markdown(text: string): string {
  return inlineMarkdown(text).replace(
    /^(\s*)([#+=-]|\d+[.)])/,
    (_, space: string, lead: string) => `${space}${lead.replace(/[#+=.)-]/, (c) => `\\${c}`)}`,
  );
}

function inlineMarkdown(text: string): string {
  // Quotes mean nothing in Markdown text: only what opens a tag or an entity becomes one.
  return text
    .replace(/\r?\n|\r/g, ' ')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/[\\`*_{}[\]|~!]/g, (c) => `\\${c}`)
    .replace(/@(?=[\w-])/g, `@${ZWSP}`);
}

/**
 * A Markdown code span: backticks cannot end it early and `|` cannot split a table row (GitHub
 * splits rows before it reads code spans). Mentions inside code do not notify.
 */
export function markdownCode(text: string | undefined): string {
  if (!text) return '`?`';
  return `\`${text
    .replace(/\r?\n|\r/g, ' ')
    .replace(/`/g, "'")
    .replace(/\|/g, '\\|')}\``;
}

/** A Markdown link only for http(s) URLs; parentheses and spaces are percent-encoded so they cannot end it. */
export function markdownLink(label: string, url: string | undefined): string {
  if (!url || !isWebUrl(url)) return markdown(label);
  const safe = new URL(url).href.replace(/[()\s<>|[\]]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `[${inlineMarkdown(label)}](${safe})`;
}

/** A GitHub login from an API answer: logins are `[A-Za-z0-9-]` (and `[bot]`); anything else is not a mention. */
export function mention(login: string | undefined): string {
  if (!login) return '';
  return /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})(?:\[bot\])?$/.test(login) ? `@${login}` : markdown(login);
}

export function isWebUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return (parsed.protocol === 'https:' || parsed.protocol === 'http:') && !/[\s"'<>`]/.test(url);
  } catch {
    return false;
  }
}

function htmlEntities(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}
