// Forged records naming images, against dist/rollback on the local stack's real Docker Engine.
// The forger is another workflow of the repository: its GITHUB_TOKEN has deployments: write and
// GitHub records its records as github-actions[bot], the same creator as Paved's. Without a
// ledger-key nothing tells them apart but what they say, so every word is checked: an image from
// another repository, one shaped like a docker option, a migrate-rollback command in a payload.
import { createGitHubClient, DeploymentLedger, PAVED_LABELS, type DeploymentPayload } from '@paved/core';
import { startGitHubEmulator, type GitHubEmulator } from '@paved/github-emulator';
import { describeWithStack, startStack, type Stack } from '@paved/stack';
import { buildServiceImages, type BuiltService } from '../../examples/service/build.js';
import { errorsOf, hasStackTrace, runAction, warningsOf, type ActionRun } from '@paved/test-support/harness';
import { dockerText, pavedContainers, responseBody, type DockerText } from '@paved/test-support/releases';
import { makeWorkspace } from '@paved/test-support/workspace';
import { startTogether } from '@paved/test-support/servers';

type Services = 'docker' | 'registry' | 'caddy';

let stack: Stack<Services>;
let gh: GitHubEmulator;
let forger: DeploymentLedger;
let v1: BuiltService;
let v2: BuiltService;
let workspace: string;
let docker: DockerText;

function deploy(image: string): Promise<ActionRun> {
  return runAction('deploy', { inputs: { environment: 'staging', image }, workspace, github: { apiUrl: gh.url } });
}

/** A record as another workflow of the repository can write it: success, newer than every real one. */
async function forge(payload: { image: string; migrate_rollback?: string }): Promise<number> {
  const id = await forger.create({
    ref: 'f'.repeat(40),
    environment: 'staging',
    payload: {
      digest: payload.image.split('@')[1] ?? '',
      version: 'v9',
      target: 'docker',
      service: 'shop',
      previous_deployment_id: null,
      ...payload,
    } satisfies DeploymentPayload,
  });
  await forger.setStatus(id, { state: 'success' });
  return id;
}

describeWithStack('forged records naming images: dist/rollback', ['docker', 'registry', 'caddy'], () => {
  beforeAll(async () => {
    [stack, gh] = await startTogether(
      startStack({ services: ['docker', 'registry', 'caddy'], nodeBaseImage: true }),
      startGitHubEmulator({ autoCreate: true }),
    );
    docker = dockerText(stack.docker);
    [v1, v2] = (await buildServiceImages(stack.docker, stack.registry, stack.nodeBaseImage!, ['v1', 'v2'])) as [
      BuiltService,
      BuiltService,
    ];
    workspace = makeWorkspace({
      '.github/paved.yml': `service: shop
environments:
  staging:
    host: ${stack.docker.host}
    health-path: /healthz
    health-timeout: 20s
    drain-timeout: 2s
    proxy-url: ${stack.caddy.adminUrl}
    proxy-route: ${stack.caddy.handlerId}
`,
    });
    forger = new DeploymentLedger(
      createGitHubClient({
        token: 'ghs_anotherworkflow00000000000000000',
        apiUrl: gh.url,
        repository: 'acme/shop',
        throttle: false,
      }),
    );
    for (const image of [v1.ref, v2.ref]) expect(errorsOf(await deploy(image))).toEqual([]);
    expect(await responseBody(stack.caddy.url)).toBe('200 v2');
  }, 600_000);
  afterAll(async () => {
    await Promise.allSettled([stack?.stop(), gh?.stop()]);
  });

  it('restores the real previous release past an image from another repository, an option-shaped one and a migrate-rollback command', async () => {
    const repository = v1.ref.split('@')[0]!.replace(/:[^:/]+$/, '');
    const backdoor = await forge({ image: `ghcr.io/evil/backdoor@${v1.digest}` });
    const privileged = await forge({ image: `--privileged@${v1.digest}` });
    const label = await forge({ image: `--label=x@${v1.digest}` });
    // Names the release that runs now, so a rollback that trusted payloads would run its command.
    const command = await forge({ image: v2.ref, migrate_rollback: 'sh -c "touch /tmp/pwned"' });

    const run = await runAction('rollback', {
      inputs: { environment: 'staging', reason: 'error rate up' },
      workspace,
      github: { apiUrl: gh.url },
    });
    expect(errorsOf(run)).toEqual([]);
    expect(run.exitCode).toBe(0);
    expect(hasStackTrace(run.stdout + run.stderr)).toBe(false);
    expect(run.outputs['to-ref']).toBe(v1.ref);
    expect(await responseBody(stack.caddy.url)).toBe('200 v1');

    const warnings = warningsOf(run).join('\n');
    expect(warnings).toMatch(
      new RegExp(`Ignored deployment ${backdoor} .*its image is from ghcr\\.io/evil/backdoor, not ${repository}`),
    );
    expect(warnings).toMatch(new RegExp(`Ignored deployment ${privileged} .*is not a reference pinned by digest`));
    expect(warnings).toMatch(new RegExp(`Ignored deployment ${label} .*is not a reference pinned by digest`));
    expect(run.summary).toContain('Deployment records are unsigned');

    // Nothing on the host came from a forged word: every release of shop is ours, none privileged,
    // and the forged migrate-rollback never ran in the release it named.
    const releases = await pavedContainers(docker, 'staging');
    expect(releases.map((release) => release.version).sort()).toEqual(['v1', 'v2']);
    for (const { name } of releases) {
      const [image, privileged] = (
        await docker([
          'inspect',
          '--format',
          `{{index .Config.Labels "${PAVED_LABELS.image}"}} {{.HostConfig.Privileged}}`,
          name,
        ])
      )
        .trim()
        .split(' ');
      expect([v1.ref, v2.ref]).toContain(image);
      expect(privileged).toBe('false');
    }
    const v2Release = releases.find((release) => release.version === 'v2')!;
    expect(await docker(['diff', v2Release.name])).not.toContain('/tmp/pwned');
    expect(command).toBeGreaterThan(0);
  });
});
