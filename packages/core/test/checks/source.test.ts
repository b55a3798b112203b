import { symlinkSync } from 'node:fs';
import path from 'node:path';
import { makeWorkspace } from '@paved/test-support/workspace';
import { InputError } from '../../src/action/index.js';
import { mergeHeaders, parseRequestHeaders } from '../../src/checks/headers.js';
import { redactor } from '../../src/checks/redact.js';
import { resolveChecksSource } from '../../src/checks/source.js';
import { targetUrl } from '../../src/checks/suite.js';

const workspace = () => makeWorkspace({ '.github/smoke.yml': 'checks:\n  - path: /healthz\n' });

describe('resolveChecksSource', () => {
  it('reads a file inside the workspace', () => {
    const dir = workspace();
    expect(resolveChecksSource('.github/smoke.yml', dir)).toEqual({
      text: 'checks:\n  - path: /healthz\n',
      where: 'The checks file .github/smoke.yml',
      file: path.join(dir, '.github', 'smoke.yml'),
    });
  });

  it('takes anything else as inline YAML', () => {
    const dir = workspace();
    expect(resolveChecksSource('checks:\n  - path: /\n', dir)).toEqual({
      text: 'checks:\n  - path: /',
      where: 'The inline checks',
    });
    expect(resolveChecksSource('{checks: [{path: /}]}', dir).where).toBe('The inline checks');
  });

  it('names the input when a path-like value names no file, or leads outside', () => {
    const dir = workspace();
    const missing = () => resolveChecksSource('.github/smoke-tests.yml', dir);
    expect(missing).toThrow(InputError);
    expect(missing).toThrow(
      `Input 'checks' must be a checks file inside the workspace (${dir}) or inline YAML, got '.github/smoke-tests.yml': no such file in the workspace`,
    );
    expect(() => resolveChecksSource('../outside.yaml', dir)).toThrow(/^Input 'checks' must be a checks file inside/);
    const outside = makeWorkspace({ 'x.yml': 'checks: []' });
    symlinkSync(path.join(outside, 'x.yml'), path.join(dir, 'link.yml'));
    expect(() => resolveChecksSource('link.yml', dir)).toThrow(/'link.yml' is a link that leads outside/);
  });
});

describe('headers', () => {
  it('reads Name: value lines and never echoes a bad one', () => {
    expect(parseRequestHeaders(['Authorization: Bearer abc', 'X-Env:prod'])).toEqual({
      Authorization: 'Bearer abc',
      'X-Env': 'prod',
    });
    expect(() => parseRequestHeaders(['Authorization Bearer S3CRET'])).toThrow(
      "Input 'headers' must be one Name: value header per line; line 1 is not (its text is not shown: it may be a secret)",
    );
  });

  it('merges without regard to case, later layers winning', () => {
    expect(mergeHeaders({ Accept: '*/*', 'X-A': '1' }, { accept: 'application/json' })).toEqual({
      accept: 'application/json',
      'X-A': '1',
    });
  });

  it('redacts secret values anywhere in a text', () => {
    const redact = redactor(['Bearer abc', 'abc']);
    expect(redact('got Bearer abc and abc')).toBe('got *** and ***');
    expect(redactor([])('abc')).toBe('abc');
  });
});

describe('targetUrl', () => {
  it('joins paths under the base path and keeps full URLs', () => {
    expect(targetUrl('https://x.example/app/', { path: '/healthz?deep=1' })).toBe(
      'https://x.example/app/healthz?deep=1',
    );
    expect(targetUrl('https://x.example/app', { path: 'healthz' })).toBe('https://x.example/app/healthz');
    expect(targetUrl('https://x.example', { path: '/' })).toBe('https://x.example/');
    expect(targetUrl('https://x.example/app', { url: 'http://other/ready' })).toBe('http://other/ready');
  });
});
