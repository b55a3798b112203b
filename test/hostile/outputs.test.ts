// Hostile: what Paved writes where people read it, and the secrets a rollback starts a release
// with. The deploy and rollback bundles run as the runner runs them, on the command target
// (a script in the workspace), with the GitHub emulator telling identities apart: Paved's
// token writes as the Actions bot, another token as someone who may only open issues.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Octokit } from 'octokit';
import { startGitHubEmulator, type GitHubEmulator } from '@paved/github-emulator';
import { errorsOf, hasStackTrace, runAction, type ActionRun } from '@paved/test-support/harness';
import { makeWorkspace, temporaryDirectory } from '@paved/test-support/workspace';

const PAVED_TOKEN = 'ghs_pavedactionsbot0000000000000000000';
const MALLORY_TOKEN = 'ghp_mallory000000000000000000000000000';
const MARKER = '<!-- paved:incident:staging -->';
const image = (n: number) => `ghcr.io/acme/shop@sha256:${String(n).repeat(64)}`;
const HOSTILE_REASON =
  'checkout broke <img src=x onerror=alert(1)> [details](javascript:alert(1)) | col @mallory\n\n# Ship it';

let gh: GitHubEmulator;
let workspace: string;
let mallory: Octokit;

function run(name: 'deploy' | 'rollback', inputs: Record<string, string>): Promise<ActionRun> {
  return runAction(name, {
    inputs: { environment: 'staging', ...inputs },
    workspace,
    github: { apiUrl: gh.url, token: PAVED_TOKEN, repository: 'acme/shop' },
    env: { GITHUB_TRIGGERING_ACTOR: 'ada' },
  });
}

beforeAll(async () => {
  gh = await startGitHubEmulator({
    autoCreate: true,
    tokens: { [PAVED_TOKEN]: 'github-actions[bot]', [MALLORY_TOKEN]: 'mallory' },
  });
  mallory = new Octokit({ auth: MALLORY_TOKEN, baseUrl: gh.url });
  workspace = makeWorkspace({
    '.github/paved.yml':
      'service: shop\nenvironments:\n  staging:\n    target: command\n    command: ./deploy.sh\n    url: https://staging.shop.example.com\n',
    // Records what the release was started with; the secret only by its length.
    'deploy.sh': '#!/bin/sh\nprintf "%s %s %s\\n" "$PAVED_VERSION" "$PAVED_ROLLBACK" "${#API_KEY}" >> started.log\n',
  });
  const { chmodSync } = await import('node:fs');
  chmodSync(path.join(workspace, 'deploy.sh'), 0o755);
  for (const [n, version] of [
    [1, 'v1'],
    [2, 'v2'],
  ] as const) {
    const deployed = await run('deploy', { image: image(n), version, secrets: 'API_KEY=deploy-key-123' });
    expect(errorsOf(deployed)).toEqual([]);
  }
}, 120_000);
afterAll(() => gh?.stop());

describe('dist/rollback writes only its own issue, as text', () => {
  it('leaves an issue squatting on its marker alone, opens its own, and escapes the reason everywhere', async () => {
    const squatted = await mallory.rest.issues.create({
      owner: 'acme',
      repo: 'shop',
      title: 'Incident: staging rolled back',
      body: `${MARKER}\nAll good, nothing to see. cc @ada`,
      labels: ['incident'],
    });
    const rolledBack = await run('rollback', {
      reason: HOSTILE_REASON,
      'incident-issue': 'true',
      secrets: 'API_KEY=rollback-key-4567',
    });
    expect(errorsOf(rolledBack)).toEqual([]);
    expect(rolledBack.exitCode).toBe(0);
    expect(hasStackTrace(rolledBack.stdout + rolledBack.stderr)).toBe(false);

    // Mallory's issue: not edited, not commented on.
    const theirs = gh.state.issues.find((issue) => issue.number === squatted.data.number);
    expect(theirs?.body).toBe(`${MARKER}\nAll good, nothing to see. cc @ada`);
    expect(gh.state.comments.filter((c) => c.issueNumber === squatted.data.number)).toEqual([]);

    // Paved's own issue, written by its identity, the reason as text.
    const ours = gh.state.issues.filter((issue) => issue.user === 'github-actions[bot]');
    expect(ours).toHaveLength(1);
    const body = ours[0]!.body ?? '';
    expect(body).toContain(MARKER);
    expect(body).toContain(
      'Reason given: checkout broke &lt;img src=x onerror=alert(1)&gt; \\[details\\](javascript:alert(1)) \\| col @\u200bmallory  # Ship it',
    );
    expect(body).not.toMatch(/(^|[^\\])<img|(^|[^\\])\]\(javascript|@mallory/);

    // The job summary: HTML with the reason escaped and on one line.
    expect(rolledBack.summary).toContain('checkout broke &lt;img src=x onerror=alert(1)&gt;');
    expect(rolledBack.summary).not.toMatch(/<img|@mallory/);

    // The release was started again with the key given to the rollback, not without one.
    expect(readFileSync(path.join(workspace, 'started.log'), 'utf8').trim().split('\n')).toEqual([
      'v1 false 14',
      'v2 false 14',
      'v1 true 17',
    ]);
    // The runner is told to mask it, and the log never shows it.
    expect(rolledBack.stdout).toContain('::add-mask::rollback-key-4567');
    expect(rolledBack.log + rolledBack.summary).not.toContain('rollback-key-4567');
  });
});

describe('dist/rollback and an SSH key', () => {
  it('masks a multi-line key line by line, and writes no key file when a check refuses the run', async () => {
    const key = [
      '-----BEGIN OPENSSH PRIVATE KEY-----',
      'b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW',
      'QyNTUxOQAAACBhbm90aGVyIGtleSBsaW5lIHRoYXQgaXMgYSBzZWNyZXQ=',
      '-----END OPENSSH PRIVATE KEY-----',
    ].join('\n');
    const tempDir = temporaryDirectory('paved-hostile-temp-');
    const refused = await runAction('rollback', {
      inputs: {
        environment: 'staging',
        reason: 'error rate up',
        host: 'ssh://deploy@web1.example.com',
        'ssh-key': key,
      },
      workspace,
      tempDir,
      github: { apiUrl: gh.url, token: PAVED_TOKEN, repository: 'acme/shop' },
    });
    expect(refused.exitCode).toBe(1);
    expect(errorsOf(refused)).toEqual([expect.stringContaining("Input 'known-hosts' is required with 'ssh-key'")]);
    for (const line of key.split('\n').slice(1, -1)) expect(refused.stdout).toContain(`::add-mask::${line}`);
    expect(refused.log).not.toContain('b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQ');
    expect(readdirSync(tempDir).filter((name) => name.startsWith('paved-ssh-'))).toEqual([]);
  });
});
