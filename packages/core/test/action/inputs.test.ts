import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { InputError, InputReader, runnerInputSource } from '../../src/action/index.js';
import { temporaryDirectory } from '@paved/test-support/workspace';

function reader(values: Record<string, string>, workspace?: string) {
  const masked: string[] = [];
  const read = new InputReader((name) => values[name] ?? '', { workspace, mask: (v) => masked.push(v) });
  return { read, masked };
}

function errorOf(fn: () => unknown): InputError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(InputError);
    return error as InputError;
  }
  throw new Error('expected an InputError');
}

describe('runnerInputSource', () => {
  it('reads INPUT_<NAME> with spaces as underscores, hyphens kept, trimmed', () => {
    const source = runnerInputSource({ 'INPUT_HEALTH-TIMEOUT': ' 30s ', INPUT_MY_INPUT: 'x' });
    expect(source('health-timeout')).toBe('30s');
    expect(source('my input')).toBe('x');
    expect(source('missing')).toBe('');
  });
});

describe('InputReader', () => {
  it('strings: default, required and pattern errors name the input and the form', () => {
    const { read } = reader({ name: 'web', bad: 'Web App' });
    expect(read.string('name', { required: true })).toBe('web');
    expect(read.string('absent', { default: 'd' })).toBe('d');
    expect(read.string('absent')).toBeUndefined();
    expect(errorOf(() => read.string('absent', { required: true })).message).toBe(
      "Input 'absent' is required: set it to a non-empty value",
    );
    const error = errorOf(() => read.string('bad', { pattern: /^[a-z]+$/, form: 'a lower-case word' }));
    expect(error.message).toBe("Input 'bad' must be a lower-case word, got 'Web App'");
    expect(error.input).toBe('bad');
  });

  it('booleans accept the YAML 1.2 core forms only', () => {
    const { read } = reader({ a: 'True', b: 'FALSE', c: 'yes' });
    expect(read.boolean('a', { default: false })).toBe(true);
    expect(read.boolean('b', { default: true })).toBe(false);
    expect(read.boolean('absent', { default: true })).toBe(true);
    expect(errorOf(() => read.boolean('c', { default: true })).message).toBe(
      "Input 'c' must be a boolean (true or false), got 'yes'",
    );
  });

  it('enums list the allowed values', () => {
    const { read } = reader({ mode: 'sometimes' });
    expect(read.enum('absent', ['a', 'b'] as const, { default: 'a' })).toBe('a');
    expect(errorOf(() => read.enum('mode', ['fail', 'warn', 'pass'] as const)).message).toBe(
      "Input 'mode' must be one of fail, warn, pass, got 'sometimes'",
    );
  });

  it('integers check form and bounds', () => {
    const { read } = reader({ n: '8', big: '65536', frac: '1.5', huge: '99999999999999999999' });
    expect(read.integer('n', { min: 1, max: 64 })).toBe(8);
    expect(read.integer('absent', { default: 4 })).toBe(4);
    expect(errorOf(() => read.integer('big', { min: 1, max: 65535 })).message).toBe(
      "Input 'big' must be an integer from 1 to 65535, got '65536'",
    );
    expect(errorOf(() => read.integer('frac')).message).toBe("Input 'frac' must be an integer, got '1.5'");
    expect(errorOf(() => read.integer('huge')).message).toContain("got '99999999999999999999'");
  });

  it('durations come back in milliseconds, with the issue’s exact message on nonsense', () => {
    const { read } = reader({ window: '5 parsecs', step: '15s', tiny: '10ms' });
    expect(read.duration('step', { default: '30s' })).toBe(15_000);
    expect(read.duration('absent', { default: '5m' })).toBe(300_000);
    expect(read.duration('absent')).toBeUndefined();
    expect(errorOf(() => read.duration('window')).message).toBe(
      "Input 'window' must be a duration like 90s or 5m, got '5 parsecs'",
    );
    expect(errorOf(() => read.duration('tiny', { min: '1s' })).message).toBe(
      "Input 'tiny' must be a duration like 90s or 5m of at least 1s, got '10ms'",
    );
  });

  it('lists split on newlines and commas, skip comments and blanks, and keep commas when asked', () => {
    const { read } = reader({ tags: 'a, b\n# note\n\nc', args: 'A=1,2\nB=3' });
    expect(read.list('tags')).toEqual(['a', 'b', 'c']);
    expect(read.list('args', { comma: false })).toEqual(['A=1,2', 'B=3']);
    expect(read.list('absent')).toEqual([]);
    expect(errorOf(() => read.list('absent', { required: true })).message).toBe(
      "Input 'absent' is required: set it to one or more items, one per line",
    );
    expect(errorOf(() => read.enumList('tags', ['a', 'b'] as const)).message).toBe(
      "Input 'tags' must be a list of a, b, got 'c'",
    );
  });

  it('URLs must be absolute and of an allowed protocol', () => {
    const { read } = reader({ ok: 'https://prom.example.com/api', rel: 'prom:9090', ftp: 'ftp://x' });
    expect(read.url('ok')?.host).toBe('prom.example.com');
    expect(errorOf(() => read.url('rel')).message).toBe(
      "Input 'rel' must be an absolute http or https URL like http://example.com, got 'prom:9090'",
    );
    expect(errorOf(() => read.url('ftp')).message).toContain("got 'ftp://x'");
  });

  it('secrets are masked, each line and each value of secret lists too', () => {
    const { read, masked } = reader({ token: 'ghs_x', lines: 'A=one\nAuthorization: Bearer two\n# c' });
    expect(read.secret('token')).toBe('ghs_x');
    expect(read.secretList('lines')).toEqual(['A=one', 'Authorization: Bearer two']);
    expect(masked).toEqual(['ghs_x', 'A=one', 'one', 'Authorization: Bearer two', 'Bearer two']);
  });

  it('masks a multi-line secret (an SSH key) line by line, as the runner matches masks', () => {
    const key =
      '-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEA\nAAAABG5vbmUAAAAE\n-----END OPENSSH PRIVATE KEY-----';
    const { read, masked } = reader({ 'ssh-key': key });
    expect(read.secret('ssh-key')).toBe(key);
    expect(masked).toEqual([key, 'b3BlbnNzaC1rZXktdjEA', 'AAAABG5vbmUAAAAE']);
  });

  describe('paths', () => {
    const workspace = temporaryDirectory('paved-inputs-');
    const outside = temporaryDirectory('paved-outside-');
    mkdirSync(path.join(workspace, 'app'));
    writeFileSync(path.join(workspace, 'app', 'Dockerfile'), 'FROM scratch\n');
    symlinkSync(outside, path.join(workspace, 'escape'));

    it('resolve inside the workspace', () => {
      const { read } = reader({ context: 'app', file: 'app/Dockerfile' }, workspace);
      expect(read.path('context', { mustExist: 'directory' })).toBe(path.join(workspace, 'app'));
      expect(read.path('file', { mustExist: 'file' })).toBe(path.join(workspace, 'app', 'Dockerfile'));
      expect(read.path('absent', { default: '.' })).toBe(workspace);
    });

    it('refuse paths and links that lead outside, and missing files', () => {
      const { read } = reader(
        { up: '../etc/passwd', abs: '/etc/passwd', link: 'escape', gone: 'nope.yml', dir: 'app' },
        workspace,
      );
      expect(errorOf(() => read.path('up')).message).toBe(
        `Input 'up' must be a path inside the workspace (${workspace}), got '../etc/passwd'`,
      );
      expect(errorOf(() => read.path('abs')).message).toContain("got '/etc/passwd'");
      expect(errorOf(() => read.path('link')).message).toContain('it is a link that leads outside');
      expect(errorOf(() => read.path('gone', { mustExist: 'file' })).message).toBe(
        "Input 'gone' must be an existing file inside the workspace, got 'nope.yml'",
      );
      expect(errorOf(() => read.path('dir', { mustExist: 'file' })).message).toContain('an existing file');
    });
  });

  it('records every input name it read, once, in order', () => {
    const { read } = reader({});
    read.string('a');
    read.boolean('b', { default: true });
    read.string('a');
    expect(read.names).toEqual(['a', 'b']);
  });
});
