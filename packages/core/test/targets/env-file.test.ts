import { envEntries, parseDotenv, parseSecretLines, redactSecrets } from '../../src/targets/index.js';

describe('environment files', () => {
  it('parses dotenv without expanding anything', () => {
    const text = [
      '# comment',
      'PLAIN=value',
      'export EXPORTED=yes',
      'SPACED = around ',
      'QUOTED="a b # not a comment\\nnext"',
      "SINGLE='$HOME stays'",
      'DOLLAR=$(id)',
      'TRAILING=x # comment',
      '',
    ].join('\n');
    expect(parseDotenv(text, '.env')).toEqual({
      PLAIN: 'value',
      EXPORTED: 'yes',
      SPACED: 'around',
      QUOTED: 'a b # not a comment\nnext',
      SINGLE: '$HOME stays',
      DOLLAR: '$(id)',
      TRAILING: 'x',
    });
  });

  it('names the file and line of a bad entry', () => {
    expect(() => parseDotenv('OK=1\nnot an assignment\n', 'config/app.env')).toThrow(
      "config/app.env line 2: expected NAME=value, got 'not an assignment'",
    );
  });

  it('reads secret lines without ever quoting the value in an error', () => {
    expect(parseSecretLines(['DB_PASSWORD=p=a=s=s', 'EMPTY='], 'secrets')).toEqual({
      DB_PASSWORD: 'p=a=s=s',
      EMPTY: '',
    });
    expect(() => parseSecretLines(['S3CRET-only'], 'secrets')).toThrow(/^Input 'secrets' must hold NAME=value lines/);
    expect(() => parseSecretLines(['S3CRET-only'], 'secrets')).not.toThrow(/S3CRET/);
  });

  it('makes container environment entries, refusing values an env file could not carry', () => {
    expect(envEntries({ A: '1', B: 'two words; $(id)' })).toEqual(['A=1', 'B=two words; $(id)']);
    expect(() => envEntries({ A: 'line\nbreak' })).toThrow('The value of A holds a line break');
    expect(() => envEntries({ 'BAD NAME': 'x' })).toThrow("Environment variable name 'BAD NAME' is not valid");
  });

  it('replaces secrets in text, longest first', () => {
    expect(redactSecrets('token=abcdef and abc', ['abc', 'abcdef'])).toBe('token=*** and ***');
    expect(redactSecrets('a b', ['a'])).toBe('a b');
  });
});

describe('variable names that are Object properties', () => {
  it('keeps __proto__ and constructor as ordinary names in dotenv files and secret lines', () => {
    const file = parseDotenv('__proto__=one\nconstructor=two\n', 'release.env');
    expect(Object.entries(file)).toEqual([
      ['__proto__', 'one'],
      ['constructor', 'two'],
    ]);
    const secrets = parseSecretLines(['__proto__=s3cret', 'hasOwnProperty=x'], 'secrets');
    expect(Object.entries(secrets)).toEqual([
      ['__proto__', 's3cret'],
      ['hasOwnProperty', 'x'],
    ]);
    expect(envEntries({ ...file, ...secrets })).toEqual(['__proto__=s3cret', 'constructor=two', 'hasOwnProperty=x']);
  });
});
