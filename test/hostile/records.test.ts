// Forged deployment records against the built deploy and rollback bundles, run as the runner runs
// them, with the GitHub emulator as the ledger. Mallory holds a token with deployments: write (any
// workflow or integration of the repository has one) and creates records that look like Paved's.
// The target is a command whose every run appends to a file: that file is the host, and a
// refused rollback must leave it, and the ledger, exactly as they were.
import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import {
  createGitHubClient,
  DeploymentLedger,
  signatureProblem,
  signRecord,
  type DeploymentPayload,
} from '@paved/core';
import { startGitHubEmulator, type GitHubEmulator } from '@paved/github-emulator';
import { errorsOf, hasStackTrace, runAction, warningsOf, type ActionRun } from '@paved/test-support/harness';
import { digestOf, imageOf, recordedPayload, shaOf } from '@paved/test-support/ledger';
import { makeWorkspace } from '@paved/test-support/workspace';

const KEY = 'ledger-key-S3CRET-known-only-to-the-environment';
/** The token the runner gives the action (the harness's default): GitHub records it as github-actions[bot]. */
const WORKFLOW_TOKEN = 'ghs_emulatedtoken000000000000000000000';
const MALLORY_TOKEN = 'ghp_mallory0000000000000000000000000000';
const OWNER_REPO = 'acme/shop';

let gh: GitHubEmulator;
let forger: DeploymentLedger;
let workspace: string;
let hostLog: string;

const host = () => readFileSync(hostLog, 'utf8');
const counts = () => ({ deployments: gh.state.deployments.length, statuses: gh.state.deploymentStatuses.length });
const versionOf = (n: number) => `v${n}`;

function deploy(environment: string, n: number, key?: string): Promise<ActionRun> {
  return runAction('deploy', {
    inputs: { environment, image: imageOf(versionOf(n)), ...(key ? { 'ledger-key': key } : {}) },
    workspace,
    github: { apiUrl: gh.url, sha: shaOf(n) },
  });
}

function rollback(environment: string, inputs: Record<string, string> = {}): Promise<ActionRun> {
  return runAction('rollback', {
    inputs: { environment, reason: 'error rate up', ...inputs },
    workspace,
    github: { apiUrl: gh.url },
    env: { GITHUB_TRIGGERING_ACTOR: 'mona' },
  });
}

/** A payload as Paved writes it, of release `n`. */
function payloadOf(n: number): DeploymentPayload {
  return {
    image: imageOf(versionOf(n)),
    digest: digestOf(versionOf(n)),
    version: versionOf(n),
    target: 'command',
    previous_deployment_id: null,
    service: 'shop',
  };
}

/** Mallory's record: created with her token, marked success as a release that went live. */
async function forge(environment: string, n: number, payload: DeploymentPayload = payloadOf(n)): Promise<number> {
  const id = await forger.create({ ref: shaOf(n), environment, payload });
  await forger.setStatus(id, { state: 'success' });
  return id;
}

function expectDeployed(run: ActionRun) {
  expect(errorsOf(run)).toEqual([]);
  expect(run.exitCode).toBe(0);
}

beforeAll(async () => {
  gh = await startGitHubEmulator({
    autoCreate: true,
    tokens: { [WORKFLOW_TOKEN]: 'github-actions[bot]', [MALLORY_TOKEN]: 'mallory' },
  });
  forger = new DeploymentLedger(
    createGitHubClient({ token: MALLORY_TOKEN, apiUrl: gh.url, repository: OWNER_REPO, throttle: false }),
  );
  workspace = makeWorkspace({
    '.github/paved.yml': `service: shop
environments:
${['signed', 'signed-solo', 'unsigned', 'unsigned-solo', 'long']
  .map((name) => `  ${name}:\n    target: command\n    command: ./release.sh\n`)
  .join('')}`,
  });
  hostLog = path.join(workspace, 'host.log');
  // The host: every release the command is asked to run, in order.
  const script = path.join(workspace, 'release.sh');
  writeFileSync(
    script,
    `#!/bin/sh\nprintf '%s %s %s %s\\n' "$PAVED_ENVIRONMENT" "$PAVED_ROLLBACK" "$PAVED_VERSION" "$PAVED_IMAGE" >> '${hostLog}'\n`,
  );
  chmodSync(script, 0o755);
  writeFileSync(hostLog, '');
}, 120_000);
afterAll(() => gh?.stop());

describe('with ledger-key', () => {
  it('refuses records that are unsigned or signed with another key, naming each, and changes nothing', async () => {
    expectDeployed(await deploy('signed-solo', 1, KEY));
    const unsigned = await forge('signed-solo', 90);
    const wrongKey = await forge(
      'signed-solo',
      91,
      signRecord('a guessed key', { environment: 'signed-solo', ref: shaOf(91), payload: payloadOf(91) }),
    );
    const before = { ...counts(), host: host() };

    const run = await rollback('signed-solo', { 'ledger-key': KEY });

    expect(run.exitCode).toBe(1);
    expect(errorsOf(run)).toEqual([
      expect.stringMatching(/^No earlier good deployment of signed-solo to roll back to: .*Nothing was changed/),
    ]);
    expect(warningsOf(run)).toEqual(
      expect.arrayContaining([
        `Ignored deployment ${wrongKey} (created by mallory): its signature does not verify with ledger-key (signed with another key, or altered since).`,
        `Ignored deployment ${unsigned} (created by mallory): it carries no signature (recorded without ledger-key, or forged).`,
      ]),
    );
    expect({ ...counts(), host: host() }).toEqual(before);
    expect(run.summary).toContain('Deployment records: signed, verified with ledger-key; 2 ignored');
    expect(run.log).not.toContain(KEY);
    expect(hasStackTrace(run.stdout + run.stderr)).toBe(false);
  });

  it('refuses a forged record named by its id, saying why', async () => {
    const forged = await forge('signed-solo', 92);
    const before = { ...counts(), host: host() };
    const run = await rollback('signed-solo', { 'ledger-key': KEY, to: String(forged) });
    expect(run.exitCode).toBe(1);
    expect(errorsOf(run)).toEqual([
      `Deployment ${forged} cannot be restored: it carries no signature (recorded without ledger-key, or forged). ` +
        `Nothing was changed. Name an image with name@sha256:… of this environment instead.`,
    ]);
    expect({ ...counts(), host: host() }).toEqual(before);
  });

  it('restores the signed release past newer forgeries, a tampered copy among them, and signs its own record', async () => {
    expectDeployed(await deploy('signed', 1, KEY));
    expectDeployed(await deploy('signed', 2, KEY));
    const signedV1 = gh.state.deployments.find((d) => d.environment === 'signed')!.id;
    // A copy of v1's signed payload with the image swapped: the signature no longer covers it.
    const tampered = await forge('signed', 1, {
      ...recordedPayload(gh, signedV1),
      image: `${imageOf('v1').split('@')[0]}-evil@${digestOf('v1')}`,
    } as DeploymentPayload);
    await forge('signed', 93);

    const run = await rollback('signed', { 'ledger-key': KEY });

    expectDeployed(run);
    expect(host().trim().split('\n').at(-1)).toBe(`signed true v1 ${imageOf('v1')}`);
    expect(run.outputs['to-ref']).toBe(imageOf('v1'));
    expect(warningsOf(run)).toContain(
      `Ignored deployment ${tampered} (created by mallory): its signature does not verify with ledger-key (signed with another key, or altered since).`,
    );
    const own = gh.state.deployments.find((d) => d.id === Number(run.outputs['deployment-id']))!;
    const payload = recordedPayload(gh, own.id) as DeploymentPayload;
    expect(signatureProblem(KEY, { environment: own.environment, ref: own.ref, payload })).toBeUndefined();
    expect(run.summary).toContain('Deployment records: signed, verified with ledger-key; 2 ignored');
  });
});

describe('without ledger-key', () => {
  it('does not prefer a newer record created by another identity, and says records are unsigned', async () => {
    expectDeployed(await deploy('unsigned', 1));
    expectDeployed(await deploy('unsigned', 2));
    const forged = await forge('unsigned', 94);

    const run = await rollback('unsigned');

    expectDeployed(run);
    // Mallory's v94 is the newest "live" record; the workflow's own v2 is what runs, v1 what is restored.
    expect(host().trim().split('\n').at(-1)).toBe(`unsigned true v1 ${imageOf('v1')}`);
    expect(run.outputs['from-ref']).toBe(imageOf('v2'));
    expect(run.outputs['to-ref']).toBe(imageOf('v1'));
    // The workflow's own v2 is the bad release marked failed; Mallory's record is not taken for it.
    const statesOf = (id: number) =>
      gh.state.deploymentStatuses.filter((s) => s.deploymentId === id).map((s) => s.state);
    const v2 = gh.state.deployments.filter((d) => d.environment === 'unsigned')[1]!.id;
    expect(statesOf(v2).at(-1)).toBe('failure');
    expect(statesOf(forged)).not.toContain('failure');
    expect(run.summary).toContain('Deployment records are unsigned: anyone with deployments: write can create one.');
    expect(run.summary).toContain(
      "Records created by <code>github-actions[bot]</code> (this workflow's identity) were preferred;",
    );
  });

  it('refuses to restore a record created by another identity on its own word, and changes nothing', async () => {
    expectDeployed(await deploy('unsigned-solo', 1));
    const forged = await forge('unsigned-solo', 95);
    const before = { ...counts(), host: host() };

    const run = await rollback('unsigned-solo');

    expect(run.exitCode).toBe(1);
    expect(errorsOf(run)).toEqual([
      `Deployment ${forged} (v95) is the newest good release to restore, but it was created by mallory, not ` +
        "github-actions[bot] (this workflow's identity), and records are unsigned: anyone with deployments: write can " +
        `create one. Nothing was changed. If you trust it, name it with to: ${forged}; set the ledger-key secret on ` +
        'deploy and rollback so records can be verified.',
    ]);
    expect({ ...counts(), host: host() }).toEqual(before);
    expect(run.summary).toContain('Deployment records are unsigned');
  });
});

describe('a long history', () => {
  it('reads no more than history-depth records, reports the API calls, and finds the release when allowed deeper', async () => {
    // 3,000 signed releases of the past, then 400 newer forged ones, then the release that runs now.
    const past = Date.now() - 400 * 24 * 3_600_000;
    const at = (i: number) => new Date(past + i * 60_000).toISOString();
    const seeded = (n: number, i: number, signed: boolean) => ({
      sha: shaOf(n),
      environment: 'long',
      creator: signed ? 'github-actions[bot]' : 'mallory',
      created_at: at(i),
      payload: signed
        ? (signRecord(KEY, { environment: 'long', ref: shaOf(n), payload: payloadOf(n) }) as Record<string, unknown>)
        : (payloadOf(n) as Record<string, unknown>),
      statuses: [{ state: 'success' as const, created_at: at(i) }],
    });
    gh.seed({
      repositories: [
        {
          owner: 'acme',
          name: 'shop',
          deployments: [
            ...Array.from({ length: 3_000 }, (_, i) => seeded(1_000 + i, i, true)),
            ...Array.from({ length: 400 }, (_, i) => seeded(5_000 + i, 3_000 + i, false)),
          ],
        },
      ],
    });
    expectDeployed(await deploy('long', 9_000, KEY));
    const before = { ...counts(), host: host() };

    gh.clearRequests();
    const bounded = await rollback('long', { 'ledger-key': KEY });
    expect(bounded.exitCode).toBe(1);
    expect(errorsOf(bounded)).toEqual([
      expect.stringMatching(
        /^No earlier good deployment of long to roll back to within the newest 300 deployments \(history-depth\).*raise history-depth\.$/,
      ),
    ]);
    // Three pages of 100, and the statuses of the one release that runs: nothing else.
    expect(bounded.outputs['history-api-calls']).toBe('4');
    expect(bounded.summary).toContain('History: 4 GitHub API calls to list 300 deployments');
    const listed = gh.requests.filter((r) => /^\/repos\/acme\/shop\/deployments\?/.test(r.path));
    expect(listed.length).toBeLessThanOrEqual(4);
    expect({ ...counts(), host: host() }).toEqual(before);

    const deeper = await rollback('long', { 'ledger-key': KEY, 'history-depth': '1000' });
    expectDeployed(deeper);
    expect(deeper.outputs['to-ref']).toBe(imageOf(versionOf(3_999)));
    // Five pages to reach the 402nd record, and statuses for the current release and the one restored.
    expect(deeper.outputs['history-api-calls']).toBe('7');
  }, 180_000);
});
