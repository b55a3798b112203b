import { chmodSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { makeWorkspace } from '@paved/test-support/workspace';
import { CommandTarget, ReleaseError, type DeployHooks, type Release } from '../../src/targets/index.js';

const release: Release = {
  image: `127.0.0.1:5000/acme/shop:v3@sha256:${'c'.repeat(64)}`,
  digest: `sha256:${'c'.repeat(64)}`,
  version: 'v3',
  sha: 'f'.repeat(40),
  service: 'shop',
  environment: 'production',
  deploymentId: 9,
};

function hooks(lines: string[] = []): DeployHooks {
  return { phase: (_, work) => work(), info: (line) => lines.push(line), warning: () => {} };
}

function workspace(script: string): string {
  const dir = makeWorkspace({ 'deploy.sh': script });
  chmodSync(path.join(dir, 'deploy.sh'), 0o755);
  return dir;
}

describe('command target', () => {
  it('runs the program without a shell, with PAVED_* set, and learns url= and digest= from its output', async () => {
    const dir = workspace(
      '#!/bin/sh\nprintf "%s|" "$@" > args\necho "url=https://old.example.com"\necho "url=https://shop.example.com"\necho "digest=$PAVED_DIGEST"\necho "secret is $API_KEY"\n',
    );
    const lines: string[] = [];
    const target = new CommandTarget({
      command: ['./deploy.sh', '$(touch pwned)', 'a b'],
      workspace: dir,
      env: { REGION: 'eu' },
      secrets: { API_KEY: 'S3CRET-api' },
    });
    const result = await target.deploy(release, hooks(lines));
    expect(readFileSync(path.join(dir, 'args'), 'utf8')).toBe('$(touch pwned)|a b|');
    expect(result.url).toBe('https://shop.example.com');
    expect(await target.current()).toMatchObject({ digest: release.digest, running: true, deploymentId: 9 });
    expect(lines).toContain('secret is ***');
  });

  it('fails with the last lines when the program fails, and says how to fix a missing program', async () => {
    const dir = workspace('#!/bin/sh\necho "helm: release shop failed"\nexit 3\n');
    const target = new CommandTarget({ command: ['./deploy.sh'], workspace: dir, env: {}, secrets: {} });
    await expect(target.deploy(release, hooks())).rejects.toThrow(
      "The deploy command './deploy.sh' failed (exit 3); its last lines:\nhelm: release shop failed",
    );
    const missing = new CommandTarget({ command: ['./nope.sh'], workspace: dir, env: {}, secrets: {} });
    await expect(missing.deploy(release, hooks())).rejects.toBeInstanceOf(ReleaseError);
    await expect(missing.deploy(release, hooks())).rejects.toThrow(/could not start \(ENOENT\)/);
  });
});
