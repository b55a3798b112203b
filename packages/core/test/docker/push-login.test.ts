import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  classifyPushFailure,
  digestFromPushOutput,
  DockerClient,
  DockerCommandError,
  loginToRegistry,
  pushBackoffDelay,
  RegistryLoginError,
  withPushRetry,
} from '../../src/index.js';
import { temporaryDirectory } from '@paved/test-support/workspace';

describe('push failure classification', () => {
  it.each([
    ['toomanyrequests: You have reached your pull rate limit', 'retry'],
    ['received unexpected HTTP status: 503 Service Unavailable', 'retry'],
    ['received unexpected HTTP status: 500 Internal Server Error', 'retry'],
    ['error parsing HTTP 429 response body: unexpected end of JSON input', 'retry'],
    [
      'Put "https://ghcr.io/v2/a/b/blobs/uploads/x": read tcp 1.2.3.4:5->6.7.8.9:443: read: connection reset by peer',
      'retry',
    ],
    ['net/http: TLS handshake timeout', 'retry'],
    ['unauthorized: authentication required', 'fatal'],
    ['denied: permission_denied: write_package', 'fatal'],
    ['received unexpected HTTP status: 403 Forbidden', 'fatal'],
    ['manifest invalid: manifest invalid', 'fatal'],
    ['name unknown: repository name not known to registry', 'fatal'],
    ['An image does not exist locally with the tag: x/y', 'fatal'],
    ['something nobody has seen before', 'fatal'],
  ])('%s → %s', (output, kind) => {
    expect(classifyPushFailure(`The push refers to repository [x/y]\n${output}`)).toBe(kind);
  });

  it('backs off exponentially, capped, with bounded jitter', () => {
    const fixed = { retries: 5, baseDelayMs: 1_000, maxDelayMs: 5_000, random: () => 0 };
    expect([1, 2, 3, 4].map((attempt) => pushBackoffDelay(attempt, fixed))).toEqual([1_000, 2_000, 4_000, 5_000]);
    expect(pushBackoffDelay(1, { ...fixed, random: () => 1 })).toBe(1_200);
  });

  const failure = (stderr: string) =>
    new DockerCommandError(['push', 'x'], { code: 1, stdout: 'The push refers to repository [x]', stderr });

  it('retries transient failures, then succeeds', async () => {
    const answers = [failure('toomanyrequests: slow down'), failure('503 Service Unavailable'), 'ok'];
    const slept: number[] = [];
    const retries: string[] = [];
    const result = await withPushRetry(
      'Pushing x',
      async () => {
        const next = answers.shift();
        if (next instanceof Error) throw next;
        return next;
      },
      {
        retries: 3,
        random: () => 0,
        sleep: async (ms) => void slept.push(ms),
        onRetry: ({ reason }) => retries.push(reason),
      },
    );
    expect(result).toEqual({ value: 'ok', attempts: 3 });
    expect(slept).toEqual([1_000, 2_000]);
    expect(retries).toEqual(['toomanyrequests: slow down', '503 Service Unavailable']);
  });

  it('stops at once on a fatal failure, and after the last retry on transient ones', async () => {
    let calls = 0;
    await expect(
      withPushRetry(
        'Pushing x',
        async () => {
          calls += 1;
          throw failure('denied: requested access to the resource is denied');
        },
        { retries: 3, sleep: async () => {} },
      ),
    ).rejects.toThrow('Pushing x failed and is not worth retrying: denied: requested access to the resource is denied');
    expect(calls).toBe(1);
    calls = 0;
    await expect(
      withPushRetry(
        'Pushing x',
        async () => {
          calls += 1;
          throw failure('received unexpected HTTP status: 502 Bad Gateway');
        },
        { retries: 2, sleep: async () => {} },
      ),
    ).rejects.toThrow(/^Pushing x failed 3 times, the registry kept answering: .*502 Bad Gateway\. Raise push-retries/);
    expect(calls).toBe(3);
  });

  it('reads the digest docker push prints', () => {
    const digest = `sha256:${'a'.repeat(64)}`;
    expect(digestFromPushOutput(`abc: Pushed\nsha-1: digest: ${digest} size: 528\n`)).toBe(digest);
    expect(digestFromPushOutput('nothing')).toBeUndefined();
  });
});

/** A stand-in docker CLI that records its argv, stdin and DOCKER_CONFIG, and fails login for user 'bad'. */
function fakeDocker(): { binary: string; log: string } {
  const dir = temporaryDirectory('paved-fake-docker-');
  const log = path.join(dir, 'calls.log');
  const binary = path.join(dir, 'docker');
  writeFileSync(
    binary,
    `#!/bin/sh
{ printf 'argv:'; printf ' %s' "$@"; printf '\\n'; echo "config:$DOCKER_CONFIG"; } >> '${log}'
if [ "$1" = login ]; then
  printf 'stdin:%s\\n' "$(cat)" >> '${log}'
  [ -e "$DOCKER_CONFIG/cli-plugins" ] && echo "plugins:linked" >> '${log}'
  if [ "$3" = bad ]; then echo 'Error response from daemon: login attempt to http://r/v2/ failed with status: 401 Unauthorized' >&2; exit 1; fi
  echo 'Login Succeeded'
fi
`,
  );
  chmodSync(binary, 0o755);
  return { binary, log };
}

describe('registry login', () => {
  it('sends the password on stdin only, in a temporary DOCKER_CONFIG that keeps cli-plugins, then removes it', async () => {
    const { binary, log } = fakeDocker();
    const home = temporaryDirectory('paved-docker-home-');
    mkdirSync(path.join(home, 'cli-plugins'));
    writeFileSync(path.join(home, 'config.json'), JSON.stringify({ credsStore: 'desktop', auths: { 'other.io': {} } }));
    const session = await loginToRegistry(
      new DockerClient({ binary }),
      '127.0.0.1:5000',
      { username: 'bot', password: 'S3CRET-pw' },
      { tempDir: os.tmpdir(), userConfigDir: home },
    );
    const config = JSON.parse(readFileSync(path.join(session.configDir, 'config.json'), 'utf8'));
    expect(config).toEqual({ auths: { 'other.io': {} } });
    await session.close();
    const calls = readFileSync(log, 'utf8');
    expect(calls).toContain('argv: login --username bot --password-stdin 127.0.0.1:5000\n');
    expect(calls).toContain('stdin:S3CRET-pw\n');
    expect(calls).toContain('plugins:linked');
    expect(calls).toContain('argv: logout 127.0.0.1:5000\n');
    expect(calls.split('\n').filter((line) => line.startsWith('argv:') && line.includes('S3CRET'))).toEqual([]);
    expect(calls).toContain(`config:${session.configDir}`);
    expect(existsSync(session.configDir)).toBe(false);
  });

  it('says which registry refused which user, with docker’s reason, and leaves nothing behind', async () => {
    const { binary } = fakeDocker();
    const tempDir = temporaryDirectory('paved-login-tmp-');
    const attempt = loginToRegistry(
      new DockerClient({ binary }),
      '127.0.0.1:5000',
      { username: 'bad', password: 'x' },
      { tempDir },
    );
    await expect(attempt).rejects.toThrow(RegistryLoginError);
    await expect(
      loginToRegistry(new DockerClient({ binary }), '127.0.0.1:5000', { username: 'bad', password: 'x' }, { tempDir }),
    ).rejects.toThrow(
      /^Registry 127\.0\.0\.1:5000 refused the login for user 'bad': login attempt to http:\/\/r\/v2\/ failed with status: 401 Unauthorized\. /,
    );
    expect(readdirSync(tempDir)).toEqual([]);
  });
});
