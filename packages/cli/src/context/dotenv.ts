import { readFileSync } from 'node:fs';

/**
 * Reads a dotenv file: `NAME=value`, optional `export`, `#` comments, single quotes taken
 * literally, double quotes with \n escapes and spanning lines (so a private key fits).
 */
export function readDotenvFile(file: string): Record<string, string> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new Error(`Cannot read ${file}: give a dotenv file with one NAME=value per line.`);
  }
  return parseDotenv(text, file);
}

export function parseDotenv(text: string, source = 'dotenv'): Record<string, string> {
  const values: Record<string, string> = {};
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = (lines[i] ?? '').trim();
    if (line === '' || line.startsWith('#')) continue;
    const match = /^(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*)$/.exec(line);
    if (!match) throw new Error(`${source}:${i + 1}: expected NAME=value, got '${line.slice(0, 40)}'.`);
    const [, name = '', rest = ''] = match;
    const quote = rest[0];
    if (quote === "'" || quote === '"') {
      let body = rest.slice(1);
      const startLine = i;
      while (!closes(body, quote)) {
        i++;
        if (i >= lines.length) throw new Error(`${source}:${startLine + 1}: the quoted value of ${name} never closes.`);
        body += `\n${lines[i] ?? ''}`;
      }
      body = body.slice(0, body.lastIndexOf(quote));
      values[name] = quote === '"' ? body.replace(/\\n/g, '\n').replace(/\\"/g, '"') : body;
    } else {
      values[name] = rest.replace(/\s+#.*$/, '');
    }
  }
  return values;
}

function closes(body: string, quote: string): boolean {
  const end = body.trimEnd();
  return end.endsWith(quote) && !(quote === '"' && end.endsWith('\\"'));
}
