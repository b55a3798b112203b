import {
  createGitHubClient,
  DeploymentLedger,
  type DeploymentPayload,
  type DeploymentState,
  type GitHubClient,
} from '@paved/core';
import { startGitHubEmulator, type GitHubEmulator } from '@paved/github-emulator';

/** A 40-character commit SHA made from a number, so each test release has its own. */
export const shaOf = (n: number): string => n.toString(16).padStart(40, 'a');
/** A valid manifest digest made from a version, so the same version always has the same one. */
export const digestOf = (version: string): string => `sha256:${Buffer.from(version).toString('hex').padEnd(64, '0')}`;
/** `127.0.0.1:5000/acme/shop:<version>@<digest>`: an image pinned by digest, as Paved deploys it. */
export const imageOf = (version: string): string => `127.0.0.1:5000/acme/shop:${version}@${digestOf(version)}`;

/** The payload Paved records for a deploy of `version` to a docker target. */
export function payloadOf(version: string, extra: Partial<DeploymentPayload> = {}): DeploymentPayload {
  return {
    image: imageOf(version),
    digest: digestOf(version),
    version,
    target: 'docker',
    previous_deployment_id: null,
    ...extra,
  };
}

/** The description a failed gate leaves on the deployment it failed. */
export const GATE_FAILURE = 'quality gate: error-rate 0.09 > max 0.02 (fail, score 40)';
/** The environment URL every status of a recorded test deployment carries. */
export const RECORDED_URL = 'http://127.0.0.1:8080';

/** The GitHub emulator with a real client and the deployment ledger on top of it. */
export interface LedgerFixture {
  gh: GitHubEmulator;
  github: GitHubClient;
  ledger: DeploymentLedger;
  /**
   * Records a deploy of `version` to `environment` with the given statuses in order, as a
   * deploy run would have left it; a failure carries the gate's description.
   */
  record(
    environment: string,
    version: string,
    states: DeploymentState[],
    extra?: Partial<DeploymentPayload>,
  ): Promise<number>;
  stop(): Promise<void>;
}

/** Starts an emulator for acme/shop that creates what it is asked about. */
export async function startLedgerFixture(): Promise<LedgerFixture> {
  const gh = await startGitHubEmulator({ autoCreate: true });
  const github = createGitHubClient({ token: 'ghs_test', apiUrl: gh.url, repository: 'acme/shop', throttle: false });
  const ledger = new DeploymentLedger(github);
  return {
    gh,
    github,
    ledger,
    async record(environment, version, states, extra = {}) {
      const id = await ledger.create({
        ref: shaOf(Number.parseInt(version.slice(1), 10)),
        environment,
        payload: payloadOf(version, extra),
      });
      for (const state of states) {
        await ledger.setStatus(id, {
          state,
          environmentUrl: RECORDED_URL,
          description: state === 'failure' ? GATE_FAILURE : '',
        });
      }
      return id;
    },
    stop: () => gh.stop(),
  };
}

/**
 * The fixture for every test of one file: started before the first test, stopped after the
 * last. Its fields are there from the first test on.
 */
export function useLedgerFixture(): LedgerFixture {
  const fixture = {} as LedgerFixture;
  beforeAll(async () => {
    Object.assign(fixture, await startLedgerFixture());
  });
  afterAll(() => fixture.stop?.());
  return fixture;
}

/** The emulator's deployments of one environment, oldest first. */
export function deploymentsOf(gh: GitHubEmulator, environment: string) {
  return gh.state.deployments.filter((d) => d.environment === environment);
}

/** The statuses of one deployment in the emulator, oldest first. */
export function statusesOf(gh: GitHubEmulator, id: number) {
  return gh.state.deploymentStatuses.filter((s) => s.deploymentId === id);
}

/** The states of one deployment in the emulator, oldest first: `in_progress`, `success`… */
export function statesOf(gh: GitHubEmulator, id: number): string[] {
  return statusesOf(gh, id).map((s) => s.state);
}

/** A deployment's payload in the emulator, parsed when GitHub kept it as a string. */
export function recordedPayload(gh: GitHubEmulator, id: number): Record<string, unknown> {
  const payload = gh.state.deployments.find((d) => d.id === id)?.payload;
  return (typeof payload === 'string' ? JSON.parse(payload) : payload) as Record<string, unknown>;
}

/**
 * Tells the emulator about the workflow run a run URL names (a lock holder, say) and its
 * status; seeding it again changes the status, as the run finishing or being cancelled does.
 */
export function seedWorkflowRun(
  gh: GitHubEmulator,
  runUrl: string,
  status: 'in_progress' | 'completed',
  conclusion?: 'success' | 'failure' | 'cancelled',
): void {
  const match = /\/([^/]+)\/([^/]+)\/actions\/runs\/(\d+)/.exec(new URL(runUrl).pathname);
  if (!match) throw new Error(`Not a workflow run URL: ${runUrl}`);
  gh.seed({
    repositories: [
      { owner: match[1]!, name: match[2]!, workflow_runs: [{ id: Number(match[3]), status, conclusion }] },
    ],
  });
}
