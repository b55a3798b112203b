import type { DeploymentPayload } from '../github/index.js';
import { runRelease, type ReleaseRequest } from '../release/index.js';
import { digestOf, joinCommand, type PhaseName, type RunningRelease } from '../targets/index.js';
import { pushDeploymentMarker } from './marker.js';
import type { DeployReport, PhaseTiming } from './report.js';

export interface DeployRequest extends ReleaseRequest {
  /** Pinned by digest. */
  image: string;
  version: string;
  sha: string;
}

export interface DeployOutcome {
  report: DeployReport;
  /** Set when the deploy failed: the error to end the step with. */
  error?: Error;
}

/**
 * One deploy through the release sequence: what it adds is the record (the image, the release
 * it replaces, the way back from its migration) and, once it serves, the deployment marker.
 */
export async function runDeploy(request: DeployRequest): Promise<DeployOutcome> {
  const { environment, target, log } = request;
  const digest = digestOf(request.image);
  let previous: RunningRelease | undefined;
  const run = await runRelease(request, {
    plan: async () => undefined,
    record: async () => {
      previous = await target.current();
      const payload: DeploymentPayload = {
        image: request.image,
        digest,
        version: request.version,
        target: target.kind,
        previous_deployment_id: previous?.deploymentId ?? null,
        service: environment.service,
        ...(environment.migrateRollback ? { migrate_rollback: joinCommand(environment.migrateRollback) } : {}),
      };
      return {
        deployment: {
          ref: request.sha,
          environment: environment.name,
          payload,
          description: `Deploy ${request.version} to ${environment.name}`,
          productionEnvironment: environment.production,
          transientEnvironment: environment.transient,
        },
        inProgress: `Deploying ${request.version}`,
      };
    },
    release: (_, deploymentId) => {
      log.info(
        `Deployment ${deploymentId}: ${request.version} to ${environment.name} on ${target.where}` +
          (previous ? `, replacing ${previous.version ?? previous.name}` : ', the first release there'),
      );
      return {
        image: request.image,
        digest,
        version: request.version,
        sha: request.sha,
        service: environment.service,
        environment: environment.name,
        deploymentId,
        migrateRollback: environment.migrateRollback,
      };
    },
    work: (release, hooks) => target.deploy(release, hooks),
    wrongRelease: (what) =>
      `After the switch, ${what} as deployed: the release crashed or the platform reverted it. ` +
      'The deployment is marked failure; look at the service logs, then roll back.',
    succeeded: (_, result) => `${request.version} took traffic at ${result.switchedAt.toISOString()}`,
    unrecordedSuccess: (id, error) =>
      `${request.version} is deployed and serving, but GitHub did not record its success (${error.message}): ` +
      `deployment ${id} stays in_progress there until a later deploy. Outputs are set as usual.`,
  });

  const result = run.result;
  const report: DeployReport = {
    environment: environment.name,
    service: environment.service,
    where: target.where,
    outcome: run.outcome === 'success' ? 'success' : 'failure',
    deploymentId: run.deploymentId,
    image: request.image,
    digest,
    version: request.version,
    sha: request.sha,
    url: result?.url ?? environment.url,
    deployedAt: result?.switchedAt.toISOString(),
    previous: result?.previous ?? previous,
    running: run.running,
    phases: run.phases as PhaseTiming[],
    totalMs: run.totalMs,
    warnings: run.warnings,
    error: run.error?.message,
    failedPhase: run.failedPhase as PhaseName | undefined,
    logs: run.logs,
    switched: run.switched,
    downtime: result?.downtime ?? false,
    removed: result?.removed ?? [],
    recorded: run.outcome === 'success' && run.recorded,
    lockTakenOverFrom: run.lockTakenOverFrom,
    marker: 'off',
  };
  if (run.outcome === 'success' && environment.pushgatewayUrl) {
    try {
      await pushDeploymentMarker(environment.pushgatewayUrl, {
        service: environment.service,
        environment: environment.name,
        version: request.version,
        sha: request.sha,
        at: new Date(report.deployedAt ?? Date.now()),
      });
      report.marker = 'pushed';
    } catch (error) {
      report.marker = 'failed';
      const message = `Could not push the deployment marker to ${environment.pushgatewayUrl}: ${(error as Error).message}`;
      report.warnings.push(message);
      log.warning(message);
    }
  }
  report.totalMs = Date.now() - run.startedAt;
  return run.error ? { report, error: run.error } : { report };
}
