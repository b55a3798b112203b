import * as core from '@actions/core';
import { UserError } from '../../action/errors.js';
import { formatDuration } from '../../action/duration.js';
import type { ResolvedKubernetes } from '../../config/index.js';
import {
  describePodFailures,
  KubeClient,
  KubernetesUnavailableError,
  listRevisions,
  readRunning,
  resolveDeployment,
  setImage,
  undoToRevision,
  waitForRollout,
  type DeploymentRef,
  type KubeClientOptions,
  type RolloutOutcome,
  type RunningState,
} from '../../kubernetes/index.js';
import {
  ReleaseError,
  type DeployHooks,
  type DeployResult,
  type HeldLock,
  type LockRequest,
  type Release,
  type RollbackOptions,
  type RunningRelease,
  type Target,
} from '../target.js';
import { connectionFor } from './connect.js';
import { takeLeaseLock } from './lock.js';

/** Pod-template annotations: they travel with a revision, so an undo brings its release's facts back too. */
export const RELEASE_ANNOTATIONS = {
  deploymentId: 'paved.dev/deployment-id',
  version: 'paved.dev/version',
  sha: 'paved.dev/sha',
} as const;

export interface KubernetesTargetSettings {
  service: string;
  environment: string;
  kubernetes: ResolvedKubernetes;
  /** Kubeconfig text from the kubeconfig input; without it, the runner's current context. */
  kubeconfig?: string;
  /** The runner's environment, for KUBECONFIG and HOME. */
  env?: NodeJS.ProcessEnv;
  client?: KubeClientOptions;
  /** First wait between rollout reads; they slow down to 1 s. Default 200 ms. */
  pollMs?: number;
}

interface Connected {
  client: KubeClient;
  ref: DeploymentRef;
  container: string;
}

/**
 * A Deployment on a Kubernetes cluster. A release sets its container's image to the exact
 * digest (the change cause naming the deployment) and waits as `kubectl rollout status` does,
 * bounded by the rollout timeout; a rollout that fails is undone to the revision that ran
 * before, and the failure names the pods' reasons. The lock is a Lease beside the Deployment.
 * A rollback returns to the ReplicaSet that ran the digest while the history keeps it.
 */
export class KubernetesTarget implements Target {
  readonly kind = 'kubernetes' as const;
  private connection?: Promise<Connected>;
  private namespace?: string;
  private client?: KubeClient;

  constructor(private readonly settings: KubernetesTargetSettings) {
    this.namespace = settings.kubernetes.namespace;
  }

  get where(): string {
    const { deployment, service } = this.settings.kubernetes;
    const at = this.namespace ? `${this.namespace}/${deployment}` : deployment;
    return `kubernetes deployment ${at}${service ? ` (service ${service})` : ''}`;
  }

  /** API requests made so far (the benchmark's figure). */
  get requestCount(): number {
    return this.client?.requestCount ?? 0;
  }

  async lock(request: LockRequest): Promise<HeldLock> {
    const { client, ref } = await this.connect();
    return takeLeaseLock(
      client,
      { namespace: ref.namespace, service: this.settings.service, environment: this.settings.environment },
      request,
    );
  }

  async current(): Promise<RunningRelease | undefined> {
    const { client, ref, container } = await this.connect();
    const state = await readRunning(client, ref);
    return state ? this.describe(state, container) : undefined;
  }

  async deploy(release: Release, hooks: DeployHooks): Promise<DeployResult> {
    const connected = await this.connect();
    const { client, ref, container } = connected;
    const before = await readRunning(client, ref);
    const cause = `paved deployment ${release.deploymentId}: ${release.version} to ${release.environment}`;
    await hooks.phase('start', () =>
      setImage(client, ref, container, release.image, cause, {
        [RELEASE_ANNOTATIONS.deploymentId]: String(release.deploymentId),
        [RELEASE_ANNOTATIONS.version]: release.version,
        [RELEASE_ANNOTATIONS.sha]: release.sha,
      }),
    );
    return this.rollout(connected, hooks, before);
  }

  async rollback(release: Release, hooks: DeployHooks, options: RollbackOptions = {}): Promise<DeployResult> {
    const connected = await this.connect();
    const { client, ref, container } = connected;
    const before = await readRunning(client, ref);
    const revisions = (await listRevisions(client, await resolveDeployment(client, ref))).filter(
      (r) => r.revision !== before?.revision && digestIn(r.images[container]) === release.digest,
    );
    const kept =
      revisions.find(
        (r) =>
          options.fromDeploymentId !== undefined &&
          r.object.spec.template.metadata?.annotations?.[RELEASE_ANNOTATIONS.deploymentId] ===
            String(options.fromDeploymentId),
      ) ?? revisions[0];
    if (!kept) {
      hooks.info(
        `No ReplicaSet of ${this.where} that ran ${release.digest} is left in its revision history: rolling out to it anew`,
      );
      return this.deploy(release, hooks);
    }
    hooks.info(`Returning ${this.where} to revision ${kept.revision} (ReplicaSet ${kept.replicaSet}), which ran it`);
    const cause = `paved deployment ${release.deploymentId}: rollback to ${release.version} in ${release.environment}`;
    await hooks.phase('start', () => undoToRevision(client, ref, kept.revision, cause));
    return this.rollout(connected, hooks, before);
  }

  async dispose(): Promise<void> {
    if (this.client) core.info(`${this.where}: ${this.client.requestCount} Kubernetes API requests`);
    this.client?.close();
  }

  /** Waits for the rollout; on anything but success, undoes it to `before` and fails naming why. */
  private async rollout(connected: Connected, hooks: DeployHooks, before?: RunningState): Promise<DeployResult> {
    const previous = before ? this.describe(before, connected.container) : undefined;
    let outcome: RolloutOutcome;
    const abandoned = new AbortController();
    try {
      outcome = await hooks.phase('health', () => this.waitRolledOut(connected, hooks, abandoned.signal));
    } catch (error) {
      // Cancelled or the API went away for longer than the timeout: the wait stops, the undo is tried.
      abandoned.abort();
      const undone = await this.undo(connected, hooks, before).catch((undoError: unknown) => undoError as Error);
      if (undone instanceof Error) hooks.warning(this.notUndone(undone));
      throw error;
    }
    if (outcome.state !== 'complete') {
      const reasons = describePodFailures(outcome.failures);
      const undone = await this.undo(connected, hooks, before).catch((undoError: unknown) => undoError as Error);
      const after = undone instanceof Error ? this.notUndone(undone) : undone;
      throw new ReleaseError(`${outcome.message}${reasons ? `. Pods: ${reasons}` : ''}. ${after}`, 'health', {
        switched: false,
        ...(reasons ? { logs: reasons.split('; ').join('\n') } : {}),
        kind: 'user',
      });
    }
    const switchedAt = new Date();
    const state = await readRunning(connected.client, connected.ref);
    const running = state
      ? this.describe(state, connected.container)
      : { name: this.where, running: false, state: 'no current revision after the rollout' };
    return { running, ...(previous ? { previous } : {}), switchedAt, downtime: false, removed: [] };
  }

  /**
   * `kubectl rollout status`, bounded by the rollout timeout, but patient with an API server
   * that goes away for a moment (an upgrade, a failover): it keeps asking until the timeout.
   */
  private async waitRolledOut(
    { client, ref }: Connected,
    hooks: DeployHooks,
    abandoned: AbortSignal,
  ): Promise<RolloutOutcome> {
    const timeoutMs = this.settings.kubernetes.timeoutMs;
    const deadline = Date.now() + timeoutMs;
    const firstMs = this.settings.pollMs ?? 200;
    let waits = 0;
    // Quick reads while a rollout on a fast cluster finishes, then once a second.
    const sleep = () =>
      new Promise<void>((resolve, reject) => {
        if (abandoned.aborted) return reject(new Error('rollout wait abandoned'));
        const onAbort = () => {
          clearTimeout(timer);
          reject(new Error('rollout wait abandoned'));
        };
        const timer = setTimeout(
          () => {
            abandoned.removeEventListener('abort', onAbort);
            resolve();
          },
          Math.min(1_000, firstMs * 2 ** Math.floor(waits++ / 5)),
        );
        abandoned.addEventListener('abort', onAbort, { once: true });
      });
    let warned = false;
    for (;;) {
      try {
        return await waitForRollout(client, ref, {
          timeoutMs: Math.max(0, deadline - Date.now()),
          // The bound on reads comes from the shortest wait; the deadline ends it.
          intervalMs: firstMs,
          sleep,
          onProgress: (line) => hooks.info(`${ref.deployment}: ${line}`),
        });
      } catch (error) {
        if (!(error instanceof KubernetesUnavailableError) || Date.now() + 1_000 > deadline) throw error;
        if (!warned) {
          hooks.warning(`${error.message}; still waiting for the rollout until the timeout`);
          warned = true;
        }
        await sleep();
      }
    }
  }

  /** Back to the revision that ran before (what `kubectl rollout undo --to-revision` does), waited for. */
  private async undo({ client, ref }: Connected, hooks: DeployHooks, before?: RunningState): Promise<string> {
    if (!before) return 'There was no earlier revision to undo to.';
    const started = performance.now();
    await undoToRevision(client, ref, before.revision);
    const back = await waitForRollout(client, ref, { timeoutMs: this.settings.kubernetes.timeoutMs, intervalMs: 500 });
    const took = formatDuration(performance.now() - started);
    if (back.state !== 'complete') {
      return `Undone to the ReplicaSet that ran before (${before.replicaSet}), but that rollout did not complete either (${back.message}).`;
    }
    const sentence = `Undone to the ReplicaSet that ran before (${before.replicaSet}) in ${took}; it serves again.`;
    hooks.info(sentence);
    return sentence;
  }

  private notUndone(error: Error): string {
    return (
      `The rollout could not be undone (${error.message}): the Deployment may be half rolled out. ` +
      `Run kubectl rollout undo deployment/${this.settings.kubernetes.deployment} once the cluster answers.`
    );
  }

  private describe(state: RunningState, container: string): RunningRelease {
    const image = state.images[container];
    const digests = [...new Set(state.pods.map((pod) => digestIn(pod.imageIDs[container])))];
    const unready = state.pods.filter((pod) => !pod.ready).length;
    const digest = digests.length === 1 ? digests[0] : undefined;
    const problems = [
      state.pods.length === 0 ? 'no pods' : '',
      unready > 0 ? `${unready} of ${state.pods.length} pods not ready` : '',
      digests.length > 1 ? `pods run different images (${digests.map((d) => d ?? 'unknown').join(', ')})` : '',
      digests.length === 1 && !digest ? 'pods report no image digest' : '',
    ].filter(Boolean);
    const id = Number(state.annotations[RELEASE_ANNOTATIONS.deploymentId]);
    return {
      name: `${this.settings.kubernetes.deployment} revision ${state.revision} (ReplicaSet ${state.replicaSet})`,
      ...(image ? { image } : {}),
      ...(digest ? { digest } : {}),
      ...(Number.isInteger(id) && id > 0 ? { deploymentId: id } : {}),
      ...(state.annotations[RELEASE_ANNOTATIONS.version]
        ? { version: state.annotations[RELEASE_ANNOTATIONS.version] }
        : {}),
      ...(state.annotations[RELEASE_ANNOTATIONS.sha] ? { sha: state.annotations[RELEASE_ANNOTATIONS.sha] } : {}),
      running: problems.length === 0,
      state: problems.length === 0 ? `${state.pods.length} pods ready` : problems.join('; '),
    };
  }

  /** Connects once: the kubeconfig, then the namespace, Deployment and container, checked before anything changes. */
  private connect(): Promise<Connected> {
    this.connection ??= (async () => {
      const { kubernetes } = this.settings;
      const connection = await connectionFor({
        ...(this.settings.kubeconfig ? { kubeconfig: this.settings.kubeconfig } : {}),
        ...(kubernetes.context ? { context: kubernetes.context } : {}),
        ...(this.settings.env ? { env: this.settings.env } : {}),
      });
      this.client = new KubeClient(connection, this.settings.client);
      this.namespace = kubernetes.namespace ?? connection.namespace ?? 'default';
      const ref = { namespace: this.namespace, deployment: kubernetes.deployment };
      const deployment = await resolveDeployment(this.client, ref, kubernetes.container);
      const names = deployment.spec.template.spec.containers.map((c) => c.name);
      const container = kubernetes.container ?? (names.length === 1 ? names[0] : undefined);
      if (!container) {
        throw new UserError(
          `Deployment '${ref.deployment}' in namespace '${ref.namespace}' has ${names.length} containers (${names.join(', ')}): ` +
            "set kubernetes.container in the environment's config to the one that runs the service",
        );
      }
      return { client: this.client, ref, container };
    })();
    return this.connection;
  }
}

/** The sha256 digest at the end of an image reference or a runtime's image ID. */
export function digestIn(reference: string | undefined): string | undefined {
  return /(sha256:[0-9a-f]{64})$/.exec(reference ?? '')?.[1];
}
