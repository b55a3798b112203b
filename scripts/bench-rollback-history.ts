// What choosing a rollback target costs over a long history: the GitHub emulator holds BENCH_HISTORY
// (default 3,000) deployments per environment, and the rollback bundle (command target, so
// only the ledger is measured) chooses what to restore. For each case it prints the GitHub API
// calls the choice took (the history-api-calls output), the requests the emulator saw during the
// whole step, the plan phase's time and the whole step's. For comparison, the same choice with
// history read the way rollback read it before (every deployment's statuses as it is listed).
// Run with `npm run bench:rollback-history`.
import { chmodSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { createGitHubClient, DeploymentLedger, planRollback, signRecord, type DeploymentPayload } from '@paved/core';
import { startGitHubEmulator } from '@paved/github-emulator';
import { runAction } from '@paved/test-support/harness';
import { digestOf, imageOf, shaOf } from '@paved/test-support/ledger';
import { makeWorkspace } from '@paved/test-support/workspace';

const HISTORY = Number(process.env.BENCH_HISTORY ?? 3_000);
const FORGED = 400;
const KEY = 'bench-ledger-key';
const TOKEN = 'ghs_emulatedtoken000000000000000000000';

interface Case {
  environment: string;
  title: string;
  key?: string;
  depth?: number;
  /** Newer records created by someone else, unsigned, "successful". */
  forged: number;
  signed: boolean;
}

const cases: Case[] = [
  { environment: 'signed', title: `${HISTORY} signed releases, ledger-key set`, key: KEY, forged: 0, signed: true },
  { environment: 'unsigned', title: `${HISTORY} unsigned releases, no key`, forged: 0, signed: false },
  {
    environment: 'forged',
    title: `${HISTORY} signed + ${FORGED} newer forged, ledger-key, history-depth 300`,
    key: KEY,
    forged: FORGED,
    signed: true,
  },
  {
    environment: 'unsigned-forged',
    title: `${HISTORY} unsigned + ${FORGED} newer by another identity, no key, history-depth 300`,
    forged: FORGED,
    signed: false,
  },
  {
    environment: 'forged-deep',
    title: `${HISTORY} signed + ${FORGED} newer forged, ledger-key, history-depth 1000`,
    key: KEY,
    depth: 1_000,
    forged: FORGED,
    signed: true,
  },
];

const payloadOf = (n: number): DeploymentPayload => ({
  image: imageOf(`v${n}`),
  digest: digestOf(`v${n}`),
  version: `v${n}`,
  target: 'command',
  previous_deployment_id: null,
  service: 'shop',
});

const gh = await startGitHubEmulator({ autoCreate: true, tokens: { [TOKEN]: 'github-actions[bot]' } });
const rows: string[][] = [];
try {
  const workspace = makeWorkspace({
    '.github/paved.yml': `service: shop\nenvironments:\n${cases
      .map((c) => `  ${c.environment}:\n    target: command\n    command: ./release.sh\n`)
      .join('')}`,
  });
  const script = path.join(workspace, 'release.sh');
  writeFileSync(script, '#!/bin/sh\nexit 0\n');
  chmodSync(script, 0o755);
  const past = Date.now() - 400 * 86_400_000;
  let n = 0;
  for (const c of cases) {
    const at = (i: number) => new Date(past + i * 60_000).toISOString();
    const seeded = (version: number, i: number, own: boolean) => {
      const payload = payloadOf(version);
      const record = { environment: c.environment, ref: shaOf(version), payload };
      return {
        sha: shaOf(version),
        environment: c.environment,
        creator: own ? 'github-actions[bot]' : 'mallory',
        created_at: at(i),
        payload: (own && c.signed ? signRecord(KEY, record) : payload) as Record<string, unknown>,
        statuses: [{ state: 'success' as const, created_at: at(i) }],
      };
    };
    const base = (n += 10_000);
    gh.seed({
      repositories: [
        {
          owner: 'acme',
          name: 'shop',
          deployments: [
            ...Array.from({ length: HISTORY }, (_, i) => seeded(base + i, i, true)),
            ...Array.from({ length: c.forged }, (_, i) => seeded(base + 5_000 + i, HISTORY + i, false)),
          ],
        },
      ],
    });
    const current = base + 9_000;
    const deployed = await runAction('deploy', {
      inputs: { environment: c.environment, image: imageOf(`v${current}`), ...(c.key ? { 'ledger-key': c.key } : {}) },
      workspace,
      github: { apiUrl: gh.url, sha: shaOf(current) },
    });
    if (deployed.exitCode !== 0) throw new Error(`deploy to ${c.environment} failed:\n${deployed.stdout}`);

    // Before: every listed deployment's statuses read as it is listed, no depth.
    const github = createGitHubClient({ token: TOKEN, apiUrl: gh.url, repository: 'acme/shop', throttle: false });
    const eager = new DeploymentLedger(github);
    const eagerStarted = performance.now();
    const eagerOutcome = await planRollback({
      environment: c.environment,
      to: { kind: 'previous' },
      history: eager.history(c.environment),
      get: (id) => eager.get(id),
      fallbackSha: shaOf(0),
      ledgerKey: c.key,
      identity: c.key ? undefined : 'github-actions[bot]',
    }).then(
      () => 'found',
      () => 'none',
    );
    const eagerMs = performance.now() - eagerStarted;

    gh.clearRequests();
    const started = performance.now();
    const run = await runAction('rollback', {
      inputs: {
        environment: c.environment,
        reason: 'bench',
        ...(c.key ? { 'ledger-key': c.key } : {}),
        ...(c.depth ? { 'history-depth': String(c.depth) } : {}),
      },
      workspace,
      github: { apiUrl: gh.url },
    });
    const stepMs = performance.now() - started;
    const planMs = /phase plan: (\d+)ms/.exec(run.log)?.[1];
    rows.push([
      c.title,
      run.exitCode === 0 ? `restored ${run.outputs['to-ref']?.split(':')[2]?.split('@')[0]}` : 'refused',
      run.outputs['history-api-calls'] ?? '?',
      String(gh.requests.length),
      `${planMs ?? '?'} ms`,
      `${(stepMs / 1_000).toFixed(2)} s`,
      `${eager.requestCount} (${eagerOutcome}, ${(eagerMs / 1_000).toFixed(2)} s)`,
    ]);
    console.log(rows.at(-1)!.join('\t'));
  }
} finally {
  await gh.stop();
}

const header = [
  'history',
  'outcome',
  'API calls to choose',
  'requests in the whole step',
  'plan phase',
  'whole step',
  'before: every status read as listed, no depth: API calls (time)',
];
console.log(`\n| ${header.join(' | ')} |\n|${header.map(() => ' --- ').join('|')}|`);
for (const row of rows) console.log(`| ${row.join(' | ')} |`);
