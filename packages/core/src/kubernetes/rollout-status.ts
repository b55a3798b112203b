import type { KubeClient } from './client.js';
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
  while (polls < maxPolls) {
    polls++;
    deployment = await getDeployment(client, ref.namespace, ref.deployment);
    const state = rolloutState(deployment);
    if (state.message !== lastMessage) options.onProgress?.(state.message);
    lastMessage = state.message;
    if (state.done) {
      const revision = await currentRevision(client, deployment);
      return { state: 'complete', revision: revision?.revision ?? 0, replicaSet: revision?.replicaSet ?? '', polls };
    }
    if (state.failed) {
      return {
        state: 'failed',
        message: `Deployment '${ref.deployment}' ${state.message}`,
        failures: await failuresOf(client, deployment),
        polls,
      };
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

async function failuresOf(client: KubeClient, deployment: Deployment): Promise<PodFailure[]> {
  const revision = await currentRevision(client, deployment);
  return revision ? podFailures(await podsOf(client, revision)) : [];
}
