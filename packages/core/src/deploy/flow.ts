import type { ResolvedEnvironment } from '../config/index.js';
import type { DeploymentPayload, DeploymentRecord, NewDeployment, StatusUpdate } from '../github/index.js';
import {
  DeployError,
  digestOf,
  joinCommand,
  LockHeldError,
  type DeployHooks,
  type DeployResult,
  type HeldLock,
  type PhaseName,
  type Release,
  type Target,
} from '../targets/index.js';
import { acquireEnvironmentLock, whileLocked } from './ledger-lock.js';
import { timePhase } from './phases.js';
import { pushDeploymentMarker } from './marker.js';
import type { DeployReport, PhaseTiming } from './report.js';

/** The slice of DeploymentLedger a deploy uses (a fake in unit tests). */
export interface DeployLedger {
  create(deployment: NewDeployment): Promise<number>;
  setStatus(deploymentId: number, update: StatusUpdate): Promise<void>;
  history(environment: string): AsyncGenerator<DeploymentRecord>;
}

export interface DeployLog {
  info(message: string): void;
  warning(message: string): void;
}

export interface DeployRequest {
  environment: ResolvedEnvironment;
  target: Target;
  ledger: DeployLedger;
  /** Pinned by digest. */
  image: string;
  version: string;
  sha: string;
  /** The workflow run: lock holder and every status's log_url. */
  runUrl: string;
  log: DeployLog;
}

export interface DeployOutcome {
  report: DeployReport;
  /** Set when the deploy failed: the error to end the step with. */
  error?: Error;
}

/**
 * One deploy, start to end: lock the target → ask what runs → record a GitHub Deployment
 * (in_progress) → let the target release (pull, migrate, start, health, switch, drain, stop)
 * → ask the target again and verify it runs the digest just deployed → record success or
 * failure → unlock (on every path) → push the deployment marker.
 *
 * Once traffic has switched, GitHub being down does not fail the deploy: the release serves,
 * so the step warns and still reports it.
 */
export async function runDeploy(request: DeployRequest): Promise<DeployOutcome> {
  const { environment, target, ledger, log } = request;
  const started = Date.now();
  const digest = digestOf(request.image);
  const report: DeployReport = {
    environment: environment.name,
    service: environment.service,
    where: target.where,
    outcome: 'failure',
    image: request.image,
    digest,
    version: request.version,
    sha: request.sha,
    url: environment.url,
    phases: [],
    totalMs: 0,
    warnings: [],
    switched: false,
    downtime: false,
    removed: [],
    recorded: false,
    marker: 'off',
  };
  const warn = (message: string) => {
    report.warnings.push(message);
    log.warning(message);
  };
  const hooks: DeployHooks = {
    phase: (name, work) => timed(report.phases, name, work, target.where),
    info: (message) => log.info(message),
    warning: warn,
  };

  let lock: HeldLock;
  try {
    lock = await hooks.phase('lock', () =>
      acquireEnvironmentLock(target, () => ledger.history(environment.name), {
        environment: environment.name,
        runUrl: request.runUrl,
        timeoutMs: environment.lockTimeoutMs,
      }),
    );
  } catch (error) {
    return fail(report, started, error instanceof LockHeldError ? error : asDeployError(error, 'lock', target.where));
  }
  if (lock.tookOverFrom) {
    report.lockTakenOverFrom = lock.tookOverFrom;
    warn(`Took over a stale deploy lock held by ${lock.tookOverFrom} (older than lock-timeout)`);
  }

  const outcome = await whileLocked(lock, warn, () => deployLocked(request, report, hooks, started));
  if (outcome.error === undefined && environment.pushgatewayUrl) {
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
      warn(`Could not push the deployment marker to ${environment.pushgatewayUrl}: ${(error as Error).message}`);
    }
  }
  report.totalMs = Date.now() - started;
  return outcome;
}

async function deployLocked(
  request: DeployRequest,
  report: DeployReport,
  hooks: DeployHooks,
  started: number,
): Promise<DeployOutcome> {
  const { environment, target, ledger, log } = request;
  let deploymentId: number;
  try {
    deploymentId = await hooks.phase('record', async () => {
      report.previous = await target.current();
      const payload: DeploymentPayload = {
        image: request.image,
        digest: report.digest,
        version: request.version,
        target: target.kind,
        previous_deployment_id: report.previous?.deploymentId ?? null,
        service: environment.service,
        ...(environment.migrateRollback ? { migrate_rollback: joinCommand(environment.migrateRollback) } : {}),
      };
      const id = await ledger
        .create({
          ref: request.sha,
          environment: environment.name,
          payload,
          description: `Deploy ${request.version} to ${environment.name}`,
          productionEnvironment: environment.production,
          transientEnvironment: environment.transient,
        })
        .catch((error: unknown) => {
          throw new DeployError(
            `GitHub did not record the deployment (${(error as Error).message}); nothing was deployed, since an ` +
              'unrecorded deploy is what Paved exists to prevent. Re-run when GitHub answers.',
            'record',
          );
        });
      await ledger.setStatus(id, {
        state: 'in_progress',
        description: `Deploying ${request.version}`,
        environmentUrl: environment.url,
        logUrl: request.runUrl,
      });
      return id;
    });
  } catch (error) {
    return fail(report, started, asDeployError(error, 'record', target.where));
  }
  report.deploymentId = deploymentId;
  log.info(
    `Deployment ${deploymentId}: ${request.version} to ${environment.name} on ${target.where}` +
      (report.previous
        ? `, replacing ${report.previous.version ?? report.previous.name}`
        : ', the first release there'),
  );

  const release: Release = {
    image: request.image,
    digest: report.digest,
    version: request.version,
    sha: request.sha,
    service: environment.service,
    environment: environment.name,
    deploymentId,
    migrateRollback: environment.migrateRollback,
  };
  let result: DeployResult | undefined;
  try {
    result = await target.deploy(release, hooks);
    report.switched = true;
    report.deployedAt = result.switchedAt.toISOString();
    report.url = result.url ?? environment.url;
    report.downtime = result.downtime;
    report.removed = result.removed;
    report.previous = result.previous ?? report.previous;
    await hooks.phase('verify', async () => {
      const running = await target.current();
      report.running = running;
      if (!running || !running.running || (running.digest && running.digest !== report.digest)) {
        const what = running
          ? `${running.name} ${running.state ?? ''} with ${running.digest ?? 'an unknown digest'}`.replace(/\s+/g, ' ')
          : 'nothing';
        throw new DeployError(
          `After the switch, ${target.where} runs ${what}, not ${report.digest} as deployed: the release crashed or ` +
            'the platform reverted it. The deployment is marked failure; look at the service logs, then roll back.',
          'verify',
          { switched: true },
        );
      }
      if (!running.digest) hooks.info(`${target.where} did not report a digest; the switch is taken as the truth`);
    });
  } catch (error) {
    const failure = asDeployError(error, lastPhase(report), target.where);
    report.switched ||= failure.details.switched === true;
    report.logs = failure.details.logs;
    await ledger
      .setStatus(deploymentId, {
        state: 'failure',
        description: failure.message.split('\n')[0]?.slice(0, 140),
        environmentUrl: report.url,
        logUrl: request.runUrl,
      })
      .catch((statusError: unknown) =>
        hooks.warning(
          `GitHub did not record the failure of deployment ${deploymentId}: ${(statusError as Error).message}`,
        ),
      );
    return fail(report, started, failure);
  }

  report.outcome = 'success';
  try {
    await ledger.setStatus(deploymentId, {
      state: 'success',
      description: `${request.version} took traffic at ${report.deployedAt}`,
      environmentUrl: report.url,
      logUrl: request.runUrl,
    });
    report.recorded = true;
  } catch (error) {
    hooks.warning(
      `${request.version} is deployed and serving, but GitHub did not record its success (${(error as Error).message}): ` +
        `deployment ${deploymentId} stays in_progress there until a later deploy. Outputs are set as usual.`,
    );
  }
  report.totalMs = Date.now() - started;
  return { report };
}

function fail(report: DeployReport, started: number, error: Error): DeployOutcome {
  report.outcome = 'failure';
  report.error = error.message;
  if (error instanceof DeployError) {
    report.failedPhase = error.phase;
    report.logs ??= error.details.logs;
  }
  report.totalMs = Date.now() - started;
  return { report, error };
}

async function timed<T>(phases: PhaseTiming[], name: PhaseName, work: () => Promise<T>, where: string): Promise<T> {
  return timePhase(phases, name, work).catch((error: unknown) => {
    throw error instanceof LockHeldError ? error : asDeployError(error, name, where);
  });
}

function lastPhase(report: DeployReport): PhaseName {
  return report.phases.at(-1)?.name ?? 'start';
}

/** Any error as a DeployError naming its phase; a lost Docker host gets words a person can act on. */
function asDeployError(error: unknown, phase: PhaseName, where: string): DeployError {
  if (error instanceof DeployError) return error;
  const message = error instanceof Error ? error.message : String(error);
  if (/Host key verification failed/.test(message)) {
    return new DeployError(
      `The SSH host key of ${where} does not match known-hosts, so Paved did not connect. Nothing was changed. ` +
        'If the host was rebuilt on purpose, update known-hosts (ssh-keyscan -t ed25519 <host>); otherwise find out who answers there.',
      phase,
      { cause: error },
    );
  }
  if (/Permission denied \(publickey/.test(message)) {
    return new DeployError(
      `${where} refused the SSH key. Nothing was changed. Check ssh-key and that its public key is in the deploy user's authorized_keys.`,
      phase,
      { cause: error },
    );
  }
  const lost =
    /error during connect|Cannot connect|connection (reset|closed|refused|lost)|dial-stdio|EOF|ssh:|Broken pipe|kex_exchange|Connection timed out/i.test(
      message,
    );
  const switched = ['drain', 'stop', 'verify'].includes(phase);
  const state = switched
    ? 'Traffic had already switched to the new release.'
    : ['lock', 'record', 'pull'].includes(phase)
      ? 'Nothing was changed.'
      : 'Traffic was not switched: the old release keeps serving.';
  const text = lost
    ? `Lost the connection to ${where} during ${phase}: ${message.trim()}. ${state} Check the host and re-run the deploy.`
    : `${phase} failed on ${where}: ${message.trim()}. ${state}`;
  return new DeployError(text, phase, { switched, cause: error });
}
