import type { KubeClient } from './client.js';
import { KubernetesApiError, KubernetesUnavailableError } from './errors.js';
import { deploymentPath } from './paths.js';
import { podFailures, type PodFailure } from './pod-failures.js';
import { currentRevision, getDeployment, podsOf } from './revisions.js';
import type { Deployment } from './types.js';
import type { DeploymentRef } from './update.js';

export type RolloutOutcome =
  | { state: 'complete'; revision: number; replicaSet: string; polls: number }
  | { state: 'failed' | 'timeout'; message: string; failures: PodFailure[]; polls: number };

export interface WaitOptions {
  /** Bound on the whole wait (the `timeout` input). */
  timeoutMs: number;
  /** Between reads; default 1 s. */
  intervalMs?: number;
  /** Called with each new progress line ("2 of 3 updated replicas are available"). */
  onProgress?: (line: string) => void;
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
  /** Watch the Deployment between reads (default); false reads every interval only. */
  watch?: boolean;
  /** Stops the wait (it then throws). */
  signal?: AbortSignal;
}

/**
 * The rule `kubectl rollout status` applies to a Deployment: done once the controller has seen
 * the latest spec and every replica is updated and available with no old ones left; failed when
 * the controller reports ProgressDeadlineExceeded. Returns the rollout's outcome (never throws
 * for a failed rollout; API errors do throw).
 */
export function rolloutState(deployment: Deployment): { done: boolean; failed: boolean; message: string } {
  const status = deployment.status ?? {};
  const generation = deployment.metadata.generation ?? 0;
  if ((status.observedGeneration ?? 0) < generation) {
    return { done: false, failed: false, message: 'waiting for the controller to observe the new spec' };
  }
  const progressing = status.conditions?.find((c) => c.type === 'Progressing');
  if (progressing?.reason === 'ProgressDeadlineExceeded') {
    return {
      done: false,
      failed: true,
      message: `exceeded its progress deadline: ${progressing.message ?? ''}`.trim(),
    };
  }
  const wanted = deployment.spec.replicas ?? 1;
  const updated = status.updatedReplicas ?? 0;
  const total = status.replicas ?? 0;
  const available = status.availableReplicas ?? 0;
  if (updated < wanted)
    return { done: false, failed: false, message: `${updated} out of ${wanted} new replicas have been updated` };
  if (total > updated)
    return { done: false, failed: false, message: `${total - updated} old replicas are pending termination` };
  if (available < updated)
    return { done: false, failed: false, message: `${available} of ${updated} updated replicas are available` };
  return { done: true, failed: false, message: `successfully rolled out (${available} available)` };
}

export async function waitForRollout(
  client: KubeClient,
  ref: DeploymentRef,
  options: WaitOptions,
): Promise<RolloutOutcome> {
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const intervalMs = options.intervalMs ?? 1_000;
  const deadline = now() + options.timeoutMs;
  const maxPolls = Math.ceil(options.timeoutMs / intervalMs) + 1;
  let lastMessage = '';
  let deployment: Deployment | undefined;
  let polls = 0;
  // Watching sees each status the controller writes the moment it is written, as
  // `kubectl rollout status` does; without the watch verb (or with a watch that fails) it reads
  // every interval instead.
  let watching = options.watch !== false;
  const tell = (state: { message: string }) => {
    if (state.message !== lastMessage) options.onProgress?.(state.message);
    lastMessage = state.message;
  };
  const judge = async (seen: Deployment): Promise<RolloutOutcome | undefined> => {
    const state = rolloutState(seen);
    tell(state);
    if (state.done) {
      const revision = await currentRevision(client, seen);
      return { state: 'complete', revision: revision?.revision ?? 0, replicaSet: revision?.replicaSet ?? '', polls };
    }
    if (state.failed) {
      return {
        state: 'failed',
        message: `Deployment '${ref.deployment}' ${state.message}`,
        failures: await failuresOf(client, seen),
        polls,
      };
    }
    return undefined;
  };
  while (polls < maxPolls) {
    polls++;
    deployment = await getDeployment(client, ref.namespace, ref.deployment);
    const outcome = await judge(deployment);
    if (outcome) return outcome;
    if (now() + Math.min(intervalMs, 1_000) > deadline) break;
    if (watching) {
      const started = now();
      const seen = await watchUntilSettled(client, ref, deployment, deadline - now(), tell, options.signal).catch(
        (error: unknown) => {
          // A Role without the watch verb, or a server that refuses watches: reading every interval still works.
          if (!(error instanceof KubernetesApiError || error instanceof KubernetesUnavailableError)) throw error;
          watching = false;
          return undefined;
        },
      );
      if (seen) {
        deployment = seen;
        const settled = await judge(seen);
        if (settled) return settled;
      }
      // A watch the server ended at once is not waited on again without a pause.
      if (watching && now() - started >= intervalMs) continue;
    }
    if (now() + intervalMs > deadline) break;
    await sleep(intervalMs);
  }
  return {
    state: 'timeout',
    message: `Deployment '${ref.deployment}' did not finish rolling out within ${Math.round(options.timeoutMs / 1000)} s (${lastMessage})`,
    failures: deployment ? await failuresOf(client, deployment) : [],
    polls,
  };
}

/**
 * Watches one Deployment from the version just read until the controller reports it done or
 * failed (that version is returned, to be judged by the same rule as a read), telling each new
 * progress line on the way. Undefined when the watch ended first: the caller reads again.
 */
async function watchUntilSettled(
  client: KubeClient,
  ref: DeploymentRef,
  from: Deployment,
  remainingMs: number,
  progress: (state: ReturnType<typeof rolloutState>) => void,
  signal?: AbortSignal,
): Promise<Deployment | undefined> {
  // Bounded by the server too, so a connection that silently died cannot outlive the deadline by much.
  const seconds = Math.max(1, Math.min(60, Math.ceil(remainingMs / 1000)));
  const query = new URLSearchParams({
    watch: '1',
    fieldSelector: `metadata.name=${ref.deployment}`,
    timeoutSeconds: String(seconds),
    ...(from.metadata.resourceVersion ? { resourceVersion: from.metadata.resourceVersion } : {}),
  });
  let settled: Deployment | undefined;
  await client.watch<Deployment>(
    `${deploymentPath(ref.namespace)}?${query.toString()}`,
    (event) => {
      // ERROR (e.g. 410, the version read is already compacted) or DELETED: the read that follows says what holds.
      if (event.type !== 'ADDED' && event.type !== 'MODIFIED') return event.type !== 'BOOKMARK';
      const state = rolloutState(event.object);
      if (state.done || state.failed) {
        settled = event.object;
        return true;
      }
      progress(state);
      return false;
    },
    { what: `Deployment '${ref.deployment}' in namespace '${ref.namespace}'`, ...(signal ? { signal } : {}) },
  );
  if (signal?.aborted) throw new Error('rollout wait abandoned');
  return settled;
}

async function failuresOf(client: KubeClient, deployment: Deployment): Promise<PodFailure[]> {
  const revision = await currentRevision(client, deployment);
  return revision ? podFailures(await podsOf(client, revision)) : [];
}
