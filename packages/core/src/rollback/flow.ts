import { UserError } from '../action/errors.js';
import type {
  DeploymentEntry,
  DeploymentPayload,
  DeploymentRecord,
  DeploymentStatusRecord,
  NewDeployment,
} from '../github/index.js';
import { runRelease, type PhaseRunner, type ReleaseLedger, type ReleaseRequest } from '../release/index.js';
import { joinCommand, ReleaseError, type RollbackHost, type RunningRelease } from '../targets/index.js';
import { planRollback, type RollbackPlan, type RollbackTo } from './choose.js';
import type { RollbackReport, RolledBackRelease } from './report.js';

/** How many deployments a rollback lists at most unless told otherwise: three pages. */
export const DEFAULT_HISTORY_DEPTH = 300;

/**
 * The ledger as rollback reads it: when it can list deployments without their statuses and
 * count its requests (GitHub's ledger does), history is read bounded and the cost reported.
 */
export interface RollbackLedger extends ReleaseLedger {
  deployments?(environment: string, options: { depth?: number }): AsyncGenerator<DeploymentEntry>;
  statuses?(deploymentId: number): Promise<DeploymentStatusRecord[]>;
  readonly requestCount?: number;
}

export interface RollbackRequest extends ReleaseRequest {
  ledger: RollbackLedger;
  /** The ledger-key secret: only records whose signature verifies with it are restored from. */
  ledgerKey?: string;
  /** Without a key: the login that creates this workflow's records, whose records are preferred. */
  identity?: string;
  /** The most deployments read from history (default DEFAULT_HISTORY_DEPTH). */
  historyDepth?: number;
  /** The target's extra abilities (image check, migrate-rollback): `target.rollbackHost?.()`; absent for the command target. */
  host?: RollbackHost;
  to: RollbackTo;
  reason?: string;
  /** When the bad release's migrate-rollback runs (default before the switch back). */
  migrateRollbackAt?: 'before' | 'after';
  /** Who triggered it (GITHUB_TRIGGERING_ACTOR). */
  actor?: string;
  /** The commit recorded when the restored image has no deployment in the ledger. */
  fallbackSha: string;
  /** Called once the rollback is recorded and about to change the environment (the incident issue). */
  onStart?(report: RollbackReport): Promise<void>;
}

export interface RollbackOutcome {
  report: RollbackReport;
  error?: Error;
}

/**
 * One rollback through the release sequence. What it adds: the plan (the bad deployment and the
 * release to restore), the check that the restored image is still in its registry (both before
 * anything is recorded, so a refusal changes nothing), a record with `rollback_of`, the bad
 * release's migrate-rollback (before the switch by default), the target's way back (fast path:
 * restart a retained container and switch back; otherwise a redeploy) and, once restored, the
 * bad deployment marked failure.
 */
export async function runRollback(request: RollbackRequest): Promise<RollbackOutcome> {
  const { environment, target, ledger, log } = request;
  const report: RollbackReport = {
    environment: environment.name,
    service: environment.service,
    where: target.where,
    outcome: 'refused',
    reason: request.reason,
    actor: request.actor,
    runUrl: request.runUrl,
    url: environment.url,
    startedAt: new Date().toISOString(),
    badMarked: false,
    phases: [],
    totalMs: 0,
    warnings: [],
  };
  const started = Date.parse(report.startedAt);
  const warn = (message: string) => {
    report.warnings.push(message);
    log.warning(message);
  };
  const at = request.migrateRollbackAt ?? 'before';

  const run = await runRelease<RollbackPlan>(
    { ...request, log: { info: log.info, warning: warn } },
    {
      plan: async (phase) => {
        const plan = await phase('plan', async () => {
          const running = await target.current();
          const depth = request.historyDepth ?? DEFAULT_HISTORY_DEPTH;
          const callsBefore = ledger.requestCount ?? 0;
          const plan = await planRollback({
            environment: environment.name,
            to: request.to,
            history:
              ledger.deployments && ledger.statuses
                ? {
                    entries: ledger.deployments(environment.name, { depth }),
                    statuses: (id) => ledger.statuses!(id),
                    depth,
                  }
                : ledger.history(environment.name),
            ledgerKey: request.ledgerKey,
            identity: request.identity,
            warn,
            get: (id) =>
              ledger.get(id).catch((error: { status?: number }) => {
                if (error.status === 404) return undefined;
                throw error;
              }),
            running,
            fallbackSha: request.fallbackSha,
            configuredMigrateRollback: environment.migrateRollback,
            onRead: (reading, records) => {
              report.history = {
                apiCalls: (ledger.requestCount ?? 0) - callsBefore,
                depth,
                listed: reading.listed,
                statusReads: reading.statusReads,
                reachedDepth: reading.reachedDepth,
              };
              report.records = records;
            },
          });
          report.from = describeBad(plan.bad, running);
          return plan;
        });
        report.to = plan.restore;
        const from = report.from!;
        log.info(
          `Rolling back ${environment.name} from ${from.version ?? 'the current release'}` +
            `${from.deploymentId ? ` (deployment ${from.deploymentId})` : ''} to ${plan.restore.version}` +
            `${plan.restore.deploymentId ? ` (deployment ${plan.restore.deploymentId})` : ''}`,
        );
        const refusal = await phase('image', () => checkImage(request, plan, warn));
        if (refusal) throw refusal;
        return plan;
      },
      record: async (plan) => ({
        deployment: rollbackRecord(request, plan),
        inProgress: `Rolling back from ${report.from?.version ?? 'the current release'} to ${plan.restore.version}`,
      }),
      beforeWork: async (plan, deploymentId, phase) => {
        report.deploymentId = deploymentId;
        report.outcome = 'failure';
        if (request.onStart) {
          await request
            .onStart(report)
            .catch((error: unknown) => warn(`Could not open the incident issue: ${(error as Error).message}`));
        }
        if (plan.migrateRollback && at === 'before') {
          return migrateRollback(request, plan, report, deploymentId, 'before', phase);
        }
        return undefined;
      },
      release: (plan, deploymentId) => ({
        image: plan.restore.image,
        digest: plan.restore.digest,
        version: plan.restore.version,
        sha: plan.restore.sha,
        service: environment.service,
        environment: environment.name,
        deploymentId,
      }),
      work: async (release, hooks) => {
        const result = await target.rollback(release, hooks, { fromDeploymentId: report.to?.deploymentId });
        report.restoredAt = result.switchedAt.toISOString();
        report.timeToRestoreMs = result.switchedAt.getTime() - started;
        report.fastPath = target.kind !== 'command' && result.running.deploymentId !== release.deploymentId;
        report.url = result.url ?? report.url;
        return result;
      },
      wrongRelease: (what) =>
        `After the switch back, ${what}: the restored release crashed or the platform reverted it. ` +
        'Look at its logs; the environment needs a person.',
      afterWork: async (plan, deploymentId, _result, phase) => {
        if (plan.migrateRollback && at === 'after') {
          const failed = await migrateRollback(request, plan, report, deploymentId, 'after', phase);
          if (failed) warn(`${failed.message} The restored release serves; run the undo by hand.`);
        }
        if (report.from?.wentLiveAt) report.badForMs = Date.now() - Date.parse(report.from.wentLiveAt);
        if (plan.bad && plan.bad.statuses[0]?.state !== 'failure') {
          const why = request.reason ? `: ${request.reason}` : '';
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
      },
      succeeded: (plan) => {
        const migrated = report.migrateRollback ? `; migrate-rollback ${report.migrateRollback.outcome}` : '';
        return `Restored ${plan.restore.version}, rolling back ${report.from?.version ?? 'the bad release'}${migrated}`;
      },
      unrecordedSuccess: (id, error) =>
        `${report.to?.version} is restored and serving, but GitHub did not record the rollback's success ` +
        `(${error.message}): deployment ${id} stays in_progress there.`,
    },
  );

  report.phases = run.phases as RollbackReport['phases'];
  report.deploymentId = run.deploymentId;
  report.totalMs = run.totalMs;
  if (run.outcome === 'refused') {
    report.outcome = 'refused';
  } else {
    report.outcome = run.outcome;
  }
  if (run.lockTakenOverFrom && !report.warnings.some((w) => w.includes(run.lockTakenOverFrom!))) {
    report.warnings.push(`Took over the deploy lock held by ${run.lockTakenOverFrom}`);
  }
  if (run.error) {
    report.error = run.error.message;
    return { report, error: run.error };
  }
  const failedAfter = report.migrateRollback?.at === 'after' && report.migrateRollback.outcome === 'failure';
  if (failedAfter) {
    const error = new UserError(
      `The release is restored, but the bad release's migrate-rollback failed after the switch: run it by hand. ${report.migrateRollback?.output ?? ''}`.trim(),
    );
    report.error = error.message;
    return { report, error };
  }
  return { report };
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

function rollbackRecord(request: RollbackRequest, plan: RollbackPlan): NewDeployment {
  const { environment, target } = request;
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
  return {
    ref: plan.restore.sha,
    environment: environment.name,
    payload,
    description: `Roll back ${environment.name} to ${plan.restore.version}${request.reason ? `: ${request.reason}` : ''}`,
    productionEnvironment: environment.production,
    transientEnvironment: environment.transient,
  };
}

/** Runs the bad release's recorded undo; returns the error to stop with when it fails. */
async function migrateRollback(
  request: RollbackRequest,
  plan: RollbackPlan,
  report: RollbackReport,
  deploymentId: number,
  at: 'before' | 'after',
  phase: PhaseRunner,
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
  return new ReleaseError(
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
