/** A workflow command printed on stdout, such as `::error file=a.ts,line=3::message`. */
export interface WorkflowCommand {
  command: string;
  properties: Record<string, string>;
  message: string;
}

export interface Annotation {
  level: 'error' | 'warning' | 'notice';
  message: string;
  file?: string;
  line?: number;
  col?: number;
  title?: string;
}

const COMMAND_LINE = /^::([A-Za-z-]+)(?: ([^:]*))?::(.*)$/;

function unescapeData(text: string): string {
  return text.replace(/%0D/gi, '\r').replace(/%0A/gi, '\n').replace(/%25/g, '%');
}

function unescapeProperty(text: string): string {
  return unescapeData(text).replace(/%3A/gi, ':').replace(/%2C/gi, ',');
}

/** Parses the workflow commands in a step's stdout, honouring `::stop-commands::`. */
export function parseWorkflowCommands(stdout: string): WorkflowCommand[] {
  const commands: WorkflowCommand[] = [];
  let stopToken: string | undefined;
  for (const line of stdout.split(/\r?\n/)) {
    const match = COMMAND_LINE.exec(line);
    if (!match) continue;
    const [, command = '', props = '', message = ''] = match;
    if (stopToken !== undefined) {
      if (command === stopToken) stopToken = undefined;
      continue;
    }
    if (command === 'stop-commands') {
      stopToken = message;
      continue;
    }
    const properties: Record<string, string> = {};
    for (const pair of props.split(',').filter(Boolean)) {
      const index = pair.indexOf('=');
      if (index > 0) properties[pair.slice(0, index).trim()] = unescapeProperty(pair.slice(index + 1));
    }
    commands.push({ command, properties, message: unescapeData(message) });
  }
  return commands;
}

export function annotationsOf(commands: WorkflowCommand[]): Annotation[] {
  return commands
    .filter((c): c is WorkflowCommand & { command: Annotation['level'] } =>
      ['error', 'warning', 'notice'].includes(c.command),
    )
    .map((c) => ({
      level: c.command,
      message: c.message,
      ...(c.properties.file ? { file: c.properties.file } : {}),
      ...(c.properties.line ? { line: Number(c.properties.line) } : {}),
      ...(c.properties.col ? { col: Number(c.properties.col) } : {}),
      ...(c.properties.title ? { title: c.properties.title } : {}),
    }));
}

/**
 * Parses a file command (GITHUB_OUTPUT, GITHUB_STATE, GITHUB_ENV): `name<<DELIM` heredocs and
 * `name=value` lines. A heredoc without its closing delimiter is an error, as on the runner.
 */
export function parseFileCommand(text: string): Record<string, string> {
  const values: Record<string, string> = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = (lines[i] ?? '').replace(/\r$/, '');
    if (line === '') continue;
    const heredoc = /^([^=<]+)<<(.+)$/.exec(line);
    const equals = line.indexOf('=');
    if (heredoc && (equals < 0 || equals > line.indexOf('<<'))) {
      const [, name = '', delimiter = ''] = heredoc;
      const body: string[] = [];
      let closed = false;
      for (i++; i < lines.length; i++) {
        const next = (lines[i] ?? '').replace(/\r$/, '');
        if (next === delimiter) {
          closed = true;
          break;
        }
        body.push(next);
      }
      if (!closed) throw new Error(`Matching delimiter not found '${delimiter}'`);
      values[name] = body.join('\n');
    } else if (equals > 0) {
      values[line.slice(0, equals)] = line.slice(equals + 1);
    } else {
      throw new Error(`Invalid format '${line}'`);
    }
  }
  return values;
}

/** What the runner would print: every registered secret replaced by `***`. */
export function maskText(text: string, masks: string[]): string {
  let masked = text;
  for (const secret of [...masks].sort((a, b) => b.length - a.length)) {
    if (secret) masked = masked.split(secret).join('***');
  }
  return masked;
}
