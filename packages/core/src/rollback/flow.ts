import { UserError } from '../action/errors.js';
import type { ResolvedEnvironment } from '../config/index.js';
import { acquireEnvironmentLock, whileLocked } from '../deploy/ledger-lock.js';
import { timePhase } from '../deploy/phases.js';
import type { DeploymentPayload, DeploymentRecord, NewDeployment, StatusUpdate } from '../github/index.js';
import {
  DeployError,
  joinCommand,
  LockHeldError,
  type DeployHooks,
  type HeldLock,
  type Release,
  type RollbackHost,
  type RunningRelease,
  type Target,
} from '../targets/index.js';
import { planRollback, type RollbackPlan, type RollbackTo } from './choose.js';
import type { RollbackPhaseName, RollbackReport, RolledBackRelease } from './report.js';

/** The slice of DeploymentLedger a rollback uses (a fake in unit tests). */
export interface RollbackLedger {
  create(deployment: NewDeployment): Promise<number>;
  setStatus(deploymentId: number, update: StatusUpdate): Promise<void>;
  history(environment: string): AsyncGenerator<DeploymentRecord>;
  get(deploymentId: number): Promise<DeploymentRecord>;
}

export interface RollbackRequest {
  environment: ResolvedEnvironment;
  target: Target;
  ledger: RollbackLedger;
  /** The target's extra abilities (image check, migrate-rollback): `target.rollbackHost?.()`; absent for the command target. */
  host?: RollbackHost;
  to: RollbackTo;
  reason?: string;
  /** When the bad release's migrate-rollback runs (default before the switch back). */
  migrateRollbackAt?: 'before' | 'after';
  runUrl: string;
  /** Who triggered it (GITHUB_TRIGGERING_ACTOR). */
  actor?: string;
  /** The commit recorded when the restored image has no deployment in the ledger. */
  fallbackSha: string;
  log: { info(message: string): void; warning(message: string): void };
  /** Called once the rollback is recorded and about to change the environment (the incident issue). */
  onStart?(report: RollbackReport): Promise<void>;
}

export interface RollbackOutcome {
  report: RollbackReport;
  error?: Error;
}

/**
 * One rollback, start to end: lock (the same lock as deploy) → work out the bad deployment and
 * the release to restore → check its image is still in the registry → record a Deployment
 * (in_progress, payload rollback_of) → migrate-rollback (before, by default) → the target's
 * rollback (fast path: restart a retained container and switch the proxy back; otherwise a
 * redeploy with the same health check) → verify → success, and the bad deployment failure →
 * unlock. Every refusal comes before the record, so it changes nothing.
 */
export async function runRollback(request: RollbackRequest): Promise<RollbackOutcome> {
  const { environment, target, ledger, log } = request;
  const started = Date.now();
  const report: RollbackReport = {
    environment: environment.name,
    service: environment.service,
    where: target.where,
    outcome: 'refused',
    reason: request.reason,
    actor: request.actor,
    runUrl: request.runUrl,
    url: environment.url,
    startedAt: new Date(started).toISOString(),
    badMarked: false,
    phases: [],
    totalMs: 0,
    warnings: [],
  };
  const warn = (message: string) => {
    report.warnings.push(message);
    log.warning(message);
  };
  const phase = <T>(name: RollbackPhaseName, work: () => Promise<T>) => timePhase(report.phases, name, work);

  let lock: HeldLock;
  try {
    lock = await phase('lock', () =>
      acquireEnvironmentLock(target, () => ledger.history(environment.name), {
        environment: environment.name,
        runUrl: request.runUrl,
        timeoutMs: environment.lockTimeoutMs,
      }),
    );
  } catch (error) {
    return finish(report, started, lockError(error, target.where));
  }
  if (lock.tookOverFrom) warn(`Took over a stale deploy lock held by ${lock.tookOverFrom} (older than lock-timeout)`);
  const outcome = await whileLocked(lock, warn, () => rollbackLocked(request, report, phase, warn, started));
  report.totalMs = Date.now() - started;
  return outcome;
}

async function rollbackLocked(
  request: RollbackRequest,
  report: RollbackReport,
  phase: <T>(name: RollbackPhaseName, work: () => Promise<T>) => Promise<T>,
  warn: (message: string) => void,
  started: number,
): Promise<RollbackOutcome> {
  const { environment, target, ledger, log } = request;
  let plan: RollbackPlan;
  let running: RunningRelease | undefined;
  try {
    plan = await phase('plan', async () => {
      running = await target.current();
      return planRollback({
        environment: environment.name,
        to: request.to,
        history: ledger.history(environment.name),
        get: (id) =>
          ledger.get(id).catch((error: { status?: number }) => {
            if (error.status === 404) return undefined;
            throw error;
          }),
        running,
        fallbackSha: request.fallbackSha,
      });
    });
  } catch (error) {
    return finish(report, started, asError(error, 'plan'));
  }
  plan.warnings.forEach(warn);
  const from = describeBad(plan.bad, running);
  report.from = from;
  report.to = plan.restore;
  log.info(
    `Rolling back ${environment.name} from ${from.version ?? 'the current release'}` +
      `${from.deploymentId ? ` (deployment ${from.deploymentId})` : ''} to ${plan.restore.version}` +
      `${plan.restore.deploymentId ? ` (deployment ${plan.restore.deploymentId})` : ''}`,
  );

  const refusal = await phase('image', () => checkImage(request, plan, warn)).catch((error: unknown) =>
    asError(error, 'image'),
  );
  if (refusal) return finish(report, started, refusal);

  // From here on the environment changes, and the ledger says so.
  let deploymentId: number;
  try {
    deploymentId = await phase('record', () => record(request, plan, report));
  } catch (error) {
    return finish(report, started, asError(error, 'record'));
  }
  report.deploymentId = deploymentId;
  report.outcome = 'failure';
  if (request.onStart) {
    await request
      .onStart(report)
      .catch((error: unknown) => warn(`Could not open the incident issue: ${(error as Error).message}`));
  }

  const at = request.migrateRollbackAt ?? 'before';
  const fail = async (error: Error) => {
    await ledger
      .setStatus(deploymentId, {
        state: 'failure',
        description: error.message.split('\n')[0]?.slice(0, 140),
        environmentUrl: report.url,
        logUrl: request.runUrl,
      })
      .catch((statusError: unknown) =>
        warn(`GitHub did not record the failure of deployment ${deploymentId}: ${(statusError as Error).message}`),
      );
    return finish(report, started, error);
  };

  if (plan.migrateRollback && at === 'before') {
    const failed = await migrateRollback(request, plan, report, deploymentId, 'before', phase);
    if (failed) return fail(failed);
  }

  const release: Release = {
    image: plan.restore.image,
    digest: plan.restore.digest,
    version: plan.restore.version,
    sha: plan.restore.sha,
    service: environment.service,
    environment: environment.name,
    deploymentId,
  };
  const hooks: DeployHooks = {
    phase: (name, work) => phase(name, work),
    info: (message) => log.info(message),
    warning: warn,
  };
  try {
    const result = await target.rollback(release, hooks, { fromDeploymentId: plan.restore.deploymentId });
    report.restoredAt = result.switchedAt.toISOString();
    report.timeToRestoreMs = result.switchedAt.getTime() - started;
    report.fastPath = target.kind === 'docker' && result.running.deploymentId !== deploymentId;
    report.url = result.url ?? report.url;
    await phase('verify', async () => {
      const now = await target.current();
      if (!now?.running || (now.digest && now.digest !== plan.restore.digest)) {
        const what = now ? `${now.name} ${now.state ?? ''} with ${now.digest ?? 'an unknown digest'}` : 'nothing';
        throw new DeployError(
          `After the switch back, ${target.where} runs ${what.replace(/\s+/g, ' ').trim()}, not ${plan.restore.digest}: ` +
            'the restored release crashed or the platform reverted it. Look at its logs; the environment needs a person.',
          'verify',
          { switched: true },
        );
      }
    });
  } catch (error) {
    return fail(asError(error, report.phases.at(-1)?.name ?? 'start'));
  }

  if (plan.migrateRollback && at === 'after') {
    const failed = await migrateRollback(request, plan, report, deploymentId, 'after', phase);
    if (failed) warn(`${failed.message} The restored release serves; run the undo by hand.`);
  }

  report.outcome = 'success';
  const restoredAt = new Date();
  if (report.from?.wentLiveAt) report.badForMs = restoredAt.getTime() - Date.parse(report.from.wentLiveAt);
  const why = request.reason ? `: ${request.reason}` : '';
  if (plan.bad && plan.bad.statuses[0]?.state !== 'failure') {
    await ledger
      .setStatus(plan.bad.id, {
        state: 'failure',
        description: `Rolled back to ${plan.restore.version} by deployment ${deploymentId}${why}`,
        environmentUrl: report.url,
        logUrl: request.runUrl,
      })
      .then(() => (report.badMarked = true))
      .catch((error: unknown) =>
        warn(`GitHub did not record deployment ${plan.bad?.id} as failed: ${(error as Error).message}`),
      );
  }
  const migrated = report.migrateRollback ? `; migrate-rollback ${report.migrateRollback.outcome}` : '';
  await ledger
    .setStatus(deploymentId, {
      state: 'success',
      description: `Restored ${plan.restore.version}, rolling back ${report.from?.version ?? 'the bad release'}${migrated}`,
      environmentUrl: report.url,
      logUrl: request.runUrl,
    })
    .catch((error: unknown) =>
      warn(
        `${plan.restore.version} is restored and serving, but GitHub did not record the rollback's success ` +
          `(${(error as Error).message}): deployment ${deploymentId} stays in_progress there.`,
      ),
    );
  const failedAfter = report.migrateRollback?.at === 'after' && report.migrateRollback.outcome === 'failure';
  return failedAfter
    ? finish(
        report,
        started,
        new UserError(
          `The release is restored, but the bad release's migrate-rollback failed after the switch: run it by hand. ${report.migrateRollback?.output ?? ''}`.trim(),
        ),
        true,
      )
    : finish(report, started);
}

async function checkImage(
  request: RollbackRequest,
  plan: RollbackPlan,
  warn: (m: string) => void,
): Promise<Error | undefined> {
  if (!request.host) return undefined;
  const check = await request.host.checkImage(plan.restore.image);
  if (check.state === 'available') return undefined;
  if (check.state === 'missing') {
    return new UserError(
      `The release to restore, ${plan.restore.version} (${plan.restore.image}), is no longer in its registry, so it ` +
        'cannot be restored or run again. Nothing was changed. Name another release with to, or deploy a fixed one.\n' +
        check.detail,
    );
  }
  if (check.presentOnHost) {
    warn(
      `The registry could not be asked about ${plan.restore.image} (${check.detail.split('\n')[0]}); the image is on the host, so the rollback goes on.`,
    );
    return undefined;
  }
  return new UserError(
    `Cannot reach the registry of ${plan.restore.image} from ${request.target.where}, and the image is not on the host: ` +
      `nothing to restore from. Nothing was changed. Check the registry and re-run.\n${check.detail}`,
  );
}

async function record(request: RollbackRequest, plan: RollbackPlan, report: RollbackReport): Promise<number> {
  const { environment, target, ledger } = request;
  const payload: DeploymentPayload = {
    image: plan.restore.image,
    digest: plan.restore.digest,
    version: plan.restore.version,
    target: target.kind,
    previous_deployment_id: plan.bad?.id ?? null,
    service: environment.service,
    ...(plan.bad ? { rollback_of: plan.bad.id } : {}),
    ...(plan.restore.deploymentId ? { restores_deployment_id: plan.restore.deploymentId } : {}),
    ...(request.reason ? { reason: request.reason.slice(0, 1_000) } : {}),
  };
  const id = await ledger.create({
    ref: plan.restore.sha,
    environment: environment.name,
    payload,
    description: `Roll back ${environment.name} to ${plan.restore.version}${request.reason ? `: ${request.reason}` : ''}`,
    productionEnvironment: environment.production,
    transientEnvironment: environment.transient,
  });
  await ledger.setStatus(id, {
    state: 'in_progress',
    description: `Rolling back from ${report.from?.version ?? 'the current release'} to ${plan.restore.version}`,
    environmentUrl: environment.url,
    logUrl: request.runUrl,
  });
  return id;
}

/** Runs the bad release's recorded undo; returns the error to stop with when it fails. */
async function migrateRollback(
  request: RollbackRequest,
  plan: RollbackPlan,
  report: RollbackReport,
  deploymentId: number,
  at: 'before' | 'after',
  phase: <T>(name: RollbackPhaseName, work: () => Promise<T>) => Promise<T>,
): Promise<Error | undefined> {
  const argv = plan.migrateRollback ?? [];
  const command = joinCommand(argv);
  const started = performance.now();
  if (!request.host || !plan.bad?.payload) {
    report.migrateRollback = { command, at, outcome: 'skipped', ms: 0 };
    request.log.warning(
      `The bad release recorded migrate-rollback '${command}', but the ${request.target.kind} target cannot run it: ` +
        'run it by hand, or let the deploy command undo it when PAVED_ROLLBACK=true.',
    );
    return undefined;
  }
  const bad = { image: plan.bad.payload.image, digest: plan.bad.payload.digest };
  const run = await phase('migrate-rollback', () => request.host!.runMigrateRollback(bad, argv)).catch(
    (error: unknown) => ({ code: -1, output: (error as Error).message, how: 'nowhere' }),
  );
  const ok = run.code === 0;
  report.migrateRollback = {
    command,
    at,
    outcome: ok ? 'success' : 'failure',
    ms: performance.now() - started,
    how: run.how,
    output: run.output,
  };
  for (const line of run.output.split('\n').filter(Boolean)) request.log.info(`migrate-rollback: ${line}`);
  await request.ledger
    .setStatus(deploymentId, {
      state: 'in_progress',
      description: `migrate-rollback of ${plan.bad.payload.version} ${ok ? 'succeeded' : `failed (exit ${run.code})`} ${at} the switch`,
      environmentUrl: report.url,
      logUrl: request.runUrl,
    })
    .catch(() => undefined);
  if (ok) return undefined;
  const tail = run.output.split('\n').slice(-20).join('\n');
  return new DeployError(
    `The bad release's migrate-rollback '${command}' failed (exit ${run.code}) in ${run.how}` +
      (at === 'before' ? '; nothing was switched, so the bad release still serves.' : '.') +
      (tail ? `\nLast lines:\n${tail}` : ''),
    'migrate',
    { logs: run.output, switched: at === 'after' },
  );
}

function describeBad(bad: DeploymentRecord | undefined, running: RunningRelease | undefined): RolledBackRelease {
  const chronological = [...(bad?.statuses ?? [])].reverse();
  const live = chronological.find((s) => s.state === 'success');
  const failure = bad?.statuses.find((s) => s.state === 'failure' || s.state === 'error');
  return {
    deploymentId: bad?.id ?? running?.deploymentId,
    image: bad?.payload?.image ?? running?.image,
    digest: bad?.payload?.digest ?? running?.digest,
    version: bad?.payload?.version ?? running?.version,
    sha: bad?.sha ?? running?.sha,
    creator: bad?.creator,
    wentLiveAt: live?.createdAt,
    logUrl: (live ?? chronological[0])?.logUrl || undefined,
    failure: failure?.description || undefined,
    failureLogUrl: failure?.logUrl || undefined,
    failedAt: failure?.createdAt,
    createdAt: bad?.createdAt,
  };
}

function finish(report: RollbackReport, started: number, error?: Error, keepOutcome = false): RollbackOutcome {
  if (error) {
    if (!keepOutcome && report.outcome !== 'refused') report.outcome = 'failure';
    report.error = error.message;
  }
  report.totalMs = Date.now() - started;
  return error ? { report, error } : { report };
}

function lockError(error: unknown, where: string): Error {
  if (error instanceof LockHeldError) {
    return new LockHeldError(
      error.message.replace('is locked by another deploy', 'is locked by a running deploy'),
      error.holder,
    );
  }
  return asError(error, 'lock', where);
}

function asError(error: unknown, phase: string, where?: string): Error {
  if (error instanceof UserError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new UserError(`Rollback failed during ${phase}${where ? ` on ${where}` : ''}: ${message.trim()}`, {
    cause: error,
  });
}
