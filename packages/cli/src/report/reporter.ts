import { maskText } from '@paved/action-runner';
import { formatDuration, palette, table, type Palette } from './format.js';

export type JobResult = 'success' | 'failure' | 'skipped' | 'cancelled';
export type StepOutcome = 'success' | 'failure' | 'skipped' | 'cancelled';

export interface ReporterOptions {
  color?: boolean;
  /** Print what steps write (default true); when false, only a failed step's last lines. */
  showOutput?: boolean;
}

export interface SummaryRow {
  job: string;
  result: JobResult;
  durationMs: number;
}

const TAIL_LINES = 30;
const ANNOTATION = /^::(error|warning|notice)(?: [^:]*)?::(.*)$/;

/**
 * Live progress of a run: a line when a job or step starts and ends, with timings, step output
 * indented beneath, every registered secret replaced by *** before anything is written.
 */
export class Reporter {
  private readonly masks = new Set<string>();
  private readonly colors: Palette;
  private readonly showOutput: boolean;
  private partial = '';
  private tail: string[] = [];

  constructor(
    private readonly out: { write(text: string): unknown },
    options: ReporterOptions = {},
  ) {
    this.colors = palette(options.color ?? false);
    this.showOutput = options.showOutput ?? true;
  }

  /**
   * Registers secrets; each line of a multi-line secret is masked on its own, as on GitHub.
   * Values under three characters are left alone: masking every `1` or `a` hides the log.
   */
  addMasks(values: Iterable<string>): void {
    for (const value of values) {
      for (const part of [value, ...value.split(/\r?\n/).map((line) => line.trim())]) {
        if (part.length >= 3) this.masks.add(part);
      }
    }
  }

  mask(text: string): string {
    return maskText(text, [...this.masks]);
  }

  line(text = ''): void {
    this.out.write(`${this.mask(text)}\n`);
  }

  info(text: string): void {
    this.line(this.colors.dim(text));
  }

  warn(text: string): void {
    this.line(this.colors.yellow(`warning: ${text}`));
  }

  jobStarted(label: string, details: string[]): void {
    this.line();
    this.line(`${this.colors.bold(`● ${label}`)}${details.length ? this.colors.dim(`  ${details.join(' · ')}`) : ''}`);
  }

  jobSkipped(label: string, reason: string): void {
    this.line();
    this.line(this.colors.dim(`○ ${label} skipped (${reason})`));
  }

  jobFinished(label: string, result: JobResult, durationMs: number): void {
    const text = `${label} ${result === 'success' ? 'succeeded' : result === 'failure' ? 'failed' : result} in ${formatDuration(durationMs)}`;
    this.line(result === 'success' ? this.colors.green(`✓ ${text}`) : this.colors.red(`✗ ${text}`));
  }

  stepStarted(label: string): void {
    this.partial = '';
    this.tail = [];
    this.line(`  ▸ ${label}`);
  }

  /** Step output as it arrives; split into lines so masks and workflow commands apply per line. */
  stepOutput(chunk: string): void {
    const lines = (this.partial + chunk).split('\n');
    this.partial = lines.pop() ?? '';
    for (const line of lines) this.stepLine(line.replace(/\r$/, ''));
  }

  private stepLine(line: string): void {
    const addMask = /^::add-mask::(.*)$/.exec(line);
    if (addMask) {
      this.addMasks([addMask[1] ?? '']);
      return;
    }
    const annotation = ANNOTATION.exec(line);
    let shown: string | undefined = line;
    if (annotation) {
      const [, level = '', message = ''] = annotation;
      const text = `${level}: ${message.replace(/%0A/gi, '\n').replace(/%25/g, '%')}`;
      shown = level === 'error' ? this.colors.red(text) : this.colors.yellow(text);
    } else if (line.startsWith('::group::')) {
      shown = this.colors.bold(line.slice('::group::'.length));
    } else if (line.startsWith('::')) {
      shown = undefined; // endgroup, debug, save-state and friends are for the runner, not the reader
    }
    if (shown === undefined) return;
    const indented = `    │ ${shown}`;
    if (this.showOutput) this.line(indented);
    else {
      this.tail.push(indented);
      if (this.tail.length > TAIL_LINES) this.tail.shift();
    }
  }

  stepFinished(label: string, outcome: StepOutcome, durationMs: number, note?: string): void {
    if (this.partial) this.stepLine(this.partial);
    this.partial = '';
    if (outcome === 'failure' && !this.showOutput) this.tail.forEach((line) => this.line(line));
    this.tail = [];
    const suffix = `${formatDuration(durationMs)}${note ? ` · ${note}` : ''}`;
    if (outcome === 'success') this.line(`  ${this.colors.green('✓')} ${label} ${this.colors.dim(suffix)}`);
    else this.line(`  ${this.colors.red('✗')} ${label} ${this.colors.dim(suffix)}`);
  }

  stepSkipped(label: string, reason: string): void {
    this.line(this.colors.dim(`  ○ ${label} skipped (${reason})`));
  }

  summary(title: string, rows: SummaryRow[], ok: boolean, durationMs: number, extra: string[] = []): void {
    this.line();
    this.line(this.colors.bold('Summary'));
    const colour = (result: JobResult) =>
      result === 'success'
        ? this.colors.green(result)
        : result === 'failure'
          ? this.colors.red(result)
          : this.colors.dim(result);
    const lines = table([
      ['JOB', 'RESULT', 'DURATION'],
      ...rows.map((row) => [
        row.job,
        colour(row.result),
        row.result === 'skipped' ? '-' : formatDuration(row.durationMs),
      ]),
    ]);
    for (const line of lines) this.line(`  ${line}`);
    this.line();
    for (const line of extra) this.info(line);
    const verdict = `${title} ${ok ? 'succeeded' : 'failed'} in ${formatDuration(durationMs)}`;
    this.line(ok ? this.colors.green(this.colors.bold(verdict)) : this.colors.red(this.colors.bold(verdict)));
  }
}
