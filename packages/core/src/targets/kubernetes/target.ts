import * as core from '@actions/core';
import { UserError } from '../../action/errors.js';
import { formatDuration } from '../../action/duration.js';
import type { ResolvedKubernetes } from '../../config/index.js';
import {
  applyCanary,
  canaryDeployment,
  canaryName,
  describePodFailures,
  getDeployment,
  KubeClient,
  KubernetesUnavailableError,
  listRevisions,
  readCanary,
  readRunning,
  removeCanary,
  resolveDeployment,
  serviceSelector,
  serviceSelects,
  setImage,
  TRACK_LABEL,
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
  /**
   * With strategy canary: `promote` rolls the Deployment out to the digest its canary runs and
   * removes the canary; without it, a deploy puts the release up as the canary.
   */
  canary?: 'promote';
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

  /** What serves the newest release: the canary while there is one (strategy canary), else the Deployment. */
  async current(): Promise<RunningRelease | undefined> {
    const { client, ref, container } = await this.connect();
    if (this.canaryStrategy && (await readCanary(client, ref))) {
      const state = await readRunning(client, this.canaryRef(ref));
      return state ? this.describe(state, container, canaryName(ref.deployment)) : undefined;
    }
    const state = await this.readRunning({ client, ref });
    return state ? this.describe(state, container) : undefined;
  }

  /** What the Deployment runs; its namespace was checked on connecting, so only the Deployment is read. */
  private async readRunning({ client, ref }: Pick<Connected, 'client' | 'ref'>): Promise<RunningState | undefined> {
    return readRunning(client, ref, await getDeployment(client, ref.namespace, ref.deployment));
  }

  async deploy(release: Release, hooks: DeployHooks): Promise<DeployResult> {
    if (this.canaryStrategy) {
      return this.settings.canary === 'promote' ? this.promote(release, hooks) : this.deployCanary(release, hooks);
    }
    return this.rollingDeploy(release, hooks);
  }

  private async rollingDeploy(
    release: Release,
    hooks: DeployHooks,
    podLabels: Record<string, string> = {},
  ): Promise<DeployResult> {
    const connected = await this.connect();
    const { client, ref, container } = connected;
    const before = await this.readRunning(connected);
    const cause = `paved deployment ${release.deploymentId}: ${release.version} to ${release.environment}`;
    await hooks.phase('start', () =>
      setImage(client, ref, container, release.image, cause, releaseAnnotations(release), podLabels),
    );
    return this.rollout(connected, hooks, before);
  }

  /**
   * Puts the release up as `<deployment>-canary`: the Deployment's pod template with the image
   * set and `track: canary` added, canary-replicas pods behind the same Service. A canary that
   * does not come up is removed; the Deployment is never touched.
   */
  private async deployCanary(release: Release, hooks: DeployHooks): Promise<DeployResult> {
    const { client, ref, container } = await this.connect();
    const main = await getDeployment(client, ref.namespace, ref.deployment);
    const before = await readRunning(client, ref);
    const wanted = canaryDeployment(main, {
      image: release.image,
      container,
      replicas: this.settings.kubernetes.canaryReplicas,
      changeCause: `paved deployment ${release.deploymentId}: ${release.version} canary in ${release.environment}`,
      podAnnotations: releaseAnnotations(release),
    });
    const service = this.settings.kubernetes.service;
    if (service) {
      const selector = await serviceSelector(client, ref.namespace, service);
      if (!serviceSelects(selector, wanted.spec.template.metadata?.labels ?? {})) {
        throw new UserError(
          `Service '${service}' in namespace '${ref.namespace}' does not select the pods of Deployment '${ref.deployment}' ` +
            `(its selector: ${JSON.stringify(selector ?? {})}), so a canary would take no traffic: ` +
            'set kubernetes.service to the Service in front of the Deployment. Nothing was changed.',
        );
      }
    }
    const canary = this.canaryRef(ref);
    hooks.info(
      `Putting ${release.version} up as ${canary.deployment}: ${wanted.spec.replicas} pod(s) labelled ${TRACK_LABEL}=canary ` +
        `beside ${ref.deployment}'s ${main.spec.replicas ?? 1}`,
    );
    await hooks.phase('start', () => applyCanary(client, ref, wanted));
    let outcome: RolloutOutcome;
    try {
      outcome = await hooks.phase('health', () => this.waitRolledOut({ client, ref: canary, container }, hooks));
    } catch (error) {
      const removed = await this.removeCanaryQuietly(ref, hooks);
      if (!removed) hooks.warning(`The canary ${canary.deployment} could not be removed: delete it with kubectl.`);
      throw error;
    }
    if (outcome.state !== 'complete') {
      const removed = await this.removeCanaryQuietly(ref, hooks);
      throw rolloutFailed(
        outcome,
        removed
          ? `The canary was removed; ${ref.deployment} serves as before.`
          : `The canary ${canary.deployment} could not be removed: delete it with kubectl.`,
      );
    }
    const state = await readRunning(client, canary);
    const running = state
      ? this.describe(state, container, canary.deployment)
      : { name: canary.deployment, running: false, state: 'no current revision after the rollout' };
    return {
      running,
      ...(before ? { previous: this.describe(before, container) } : {}),
      switchedAt: new Date(),
      downtime: false,
      removed: [],
    };
  }

  /**
   * Rolls the Deployment out to the digest its canary runs, through the rolling path (its pods
   * labelled `track: stable`), then removes the canary. Refused, changing nothing, when there is
   * no canary or it runs another digest.
   */
  private async promote(release: Release, hooks: DeployHooks): Promise<DeployResult> {
    const { client, ref, container } = await this.connect();
    const canary = await readCanary(client, ref);
    const canaryImage = canary?.spec.template.spec.containers.find((c) => c.name === container)?.image;
    if (!canary || digestIn(canaryImage) !== release.digest) {
      throw new UserError(
        canary
          ? `The canary ${canaryName(ref.deployment)} runs ${canaryImage ?? 'no image'}, not ${release.image}: promote the image the canary runs. Nothing was changed.`
          : `There is no canary of Deployment '${ref.deployment}' in namespace '${ref.namespace}' to promote: deploy ${release.version} first (strategy canary puts it up as the canary), or it was rejected. Nothing was changed.`,
      );
    }
    hooks.info(`Promoting the canary: rolling ${ref.deployment} out to ${release.digest}`);
    const result = await this.rollingDeploy(release, hooks, { [TRACK_LABEL]: 'stable' });
    const removed = await hooks.phase('stop', () => this.removeCanaryQuietly(ref, hooks));
    if (!removed)
      hooks.warning(`The canary ${canaryName(ref.deployment)} is still being deleted; it runs the same digest.`);
    return { ...result, removed: removed ? [canaryName(ref.deployment)] : [] };
  }

  /** Removes the canary (a rejection), true once it is gone. */
  private async removeCanaryQuietly(ref: DeploymentRef, hooks: DeployHooks): Promise<boolean> {
    const gone = await removeCanary(this.client!, ref, { timeoutMs: this.settings.kubernetes.timeoutMs }).catch(
      (error: unknown) => {
        hooks.warning(`Removing the canary ${canaryName(ref.deployment)} failed: ${(error as Error).message}`);
        return false;
      },
    );
    if (gone) hooks.info(`Removed the canary ${canaryName(ref.deployment)}`);
    return gone;
  }

  private get canaryStrategy(): boolean {
    return this.settings.kubernetes.strategy === 'canary';
  }

  private canaryRef(ref: DeploymentRef): DeploymentRef {
    return { namespace: ref.namespace, deployment: canaryName(ref.deployment) };
  }

  /**
   * With a canary up (strategy canary), a rollback rejects it: the canary is removed, and when
   * the Deployment already runs the release to return to, nothing else changes.
   */
  async rollback(release: Release, hooks: DeployHooks, options: RollbackOptions = {}): Promise<DeployResult> {
    const connected = await this.connect();
    const { client, ref, container } = connected;
    if (this.canaryStrategy) {
      const canary = await readCanary(client, ref);
      if (canary) {
        const rejected = canary.spec.template.spec.containers.find((c) => c.name === container)?.image;
        hooks.info(`Rejecting the canary ${canary.metadata.name} (${rejected ?? 'unknown image'})`);
        const removed = await hooks.phase('stop', () => this.removeCanaryQuietly(ref, hooks));
        if (!removed) {
          throw new ReleaseError(
            `The canary ${canary.metadata.name} could not be removed within the rollout timeout: delete it with kubectl.`,
            'stop',
            { switched: false, kind: 'platform' },
          );
        }
        const state = await readRunning(client, ref);
        if (state && digestIn(state.images[container]) === release.digest) {
          const running = this.describe(state, container);
          const previous = rejected ? { name: canary.metadata.name, image: rejected, running: false } : undefined;
          return {
            running,
            ...(previous ? { previous } : {}),
            switchedAt: new Date(),
            downtime: false,
            removed: [canary.metadata.name],
          };
        }
      }
    }
    const deployment = await getDeployment(client, ref.namespace, ref.deployment);
    const before = await readRunning(client, ref, deployment);
    const revisions = (await listRevisions(client, deployment)).filter(
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
      const undone = await this.undo(connected, hooks, before).catch((undoError: unknown) => undoError as Error);
      throw rolloutFailed(outcome, undone instanceof Error ? this.notUndone(undone) : undone);
    }
    const switchedAt = new Date();
    const state = await this.readRunning(connected);
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
    abandoned: AbortSignal = new AbortController().signal,
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
          signal: abandoned,
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

  private describe(
    state: RunningState,
    container: string,
    deployment = this.settings.kubernetes.deployment,
  ): RunningRelease {
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
      name: `${deployment} revision ${state.revision} (ReplicaSet ${state.replicaSet})`,
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

/** A rollout that failed or timed out, with the pods' reasons and what was done about it (`after`). */
function rolloutFailed(outcome: Exclude<RolloutOutcome, { state: 'complete' }>, after: string): ReleaseError {
  const reasons = describePodFailures(outcome.failures);
  return new ReleaseError(
    `${outcome.message.replace(/\.$/, '')}${reasons ? `. Pods: ${reasons}` : ''}. ${after}`,
    'health',
    {
      switched: false,
      ...(reasons ? { logs: reasons.split('; ').join('\n') } : {}),
      kind: 'user',
    },
  );
}

/** Pod-template annotations naming the release, so the ReplicaSet (and a later undo to it) carries them. */
function releaseAnnotations(release: Release): Record<string, string> {
  return {
    [RELEASE_ANNOTATIONS.deploymentId]: String(release.deploymentId),
    [RELEASE_ANNOTATIONS.version]: release.version,
    [RELEASE_ANNOTATIONS.sha]: release.sha,
  };
}

/** The sha256 digest at the end of an image reference or a runtime's image ID. */
export function digestIn(reference: string | undefined): string | undefined {
  return /(sha256:[0-9a-f]{64})$/.exec(reference ?? '')?.[1];
}
