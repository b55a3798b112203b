import { UserError } from '../action/errors.js';
import type { KubeClient } from './client.js';
import { deploymentPath, servicePath } from './paths.js';
import { CHANGE_CAUSE_ANNOTATION, POD_TEMPLATE_HASH } from './revisions.js';
import type { Deployment } from './types.js';
import type { DeploymentRef } from './update.js';

/**
 * The pod label that tells canary pods from stable ones, so SLO queries can select each
 * (`track="canary"` against `track!="canary"`: the main Deployment's pods carry `stable` from
 * their first promotion on).
 */
export const TRACK_LABEL = 'paved.dev/track';

/** `<deployment>-canary`, within a Kubernetes name's 253 characters. */
export function canaryName(deployment: string): string {
  return `${deployment.slice(0, 253 - '-canary'.length)}-canary`;
}

export interface CanarySpec {
  image: string;
  container: string;
  replicas: number;
  changeCause: string;
  podAnnotations: Record<string, string>;
}

/**
 * The canary Deployment for `main`: its pod template with the image set and `track: canary`
 * added, so the pods carry every label the Service selects and land behind it beside the
 * stable ones. Its selector adds the track to the main one's, so the two never claim each
 * other's ReplicaSets.
 */
export function canaryDeployment(main: Deployment, spec: CanarySpec): Deployment {
  const template = structuredClone(main.spec.template);
  const labels: Record<string, string> = { ...template.metadata?.labels, [TRACK_LABEL]: 'canary' };
  delete labels[POD_TEMPLATE_HASH];
  template.metadata = {
    ...template.metadata,
    labels,
    annotations: { ...template.metadata?.annotations, ...spec.podAnnotations },
  };
  template.spec.containers = template.spec.containers.map((c) =>
    c.name === spec.container ? { ...c, image: spec.image } : c,
  );
  const selector = structuredClone(main.spec.selector) as Deployment['spec']['selector'];
  selector.matchLabels = { ...selector.matchLabels, [TRACK_LABEL]: 'canary' };
  return {
    metadata: {
      name: canaryName(main.metadata.name),
      labels: { ...main.metadata.labels, [TRACK_LABEL]: 'canary' },
      annotations: {
        [CHANGE_CAUSE_ANNOTATION]: spec.changeCause,
        'paved.dev/canary-of': main.metadata.name,
      },
    },
    spec: {
      ...structuredClone(main.spec),
      replicas: spec.replicas,
      selector,
      template,
      paused: false,
    },
  };
}

/** Creates the canary, or replaces the one a canary before left (its selector stays what it was). */
export async function applyCanary(client: KubeClient, ref: DeploymentRef, wanted: Deployment): Promise<Deployment> {
  const name = wanted.metadata.name;
  const what = `Deployment '${name}' in namespace '${ref.namespace}'`;
  const existing = await client.request<Deployment>('GET', deploymentPath(ref.namespace, name), { accept: [404] });
  if (existing.status === 404) {
    const created = await client.request<Deployment>('POST', deploymentPath(ref.namespace), { body: wanted, what });
    return created.body;
  }
  const current = existing.body;
  if (current.metadata.annotations?.['paved.dev/canary-of'] !== ref.deployment) {
    throw new UserError(
      `${what} exists but is not the canary Paved made for '${ref.deployment}' (no paved.dev/canary-of annotation naming it): ` +
        'rename or remove it, or use strategy rolling. Nothing was changed.',
    );
  }
  const replaced = {
    ...wanted,
    metadata: { ...current.metadata, annotations: { ...current.metadata.annotations, ...wanted.metadata.annotations } },
    spec: { ...wanted.spec, selector: current.spec.selector },
  };
  const response = await client.request<Deployment>('PUT', deploymentPath(ref.namespace, name), {
    body: replaced,
    what,
  });
  return response.body;
}

/** The canary of `ref`, unless there is none or it is already being deleted. */
export async function readCanary(client: KubeClient, ref: DeploymentRef): Promise<Deployment | undefined> {
  const found = await client.request<Deployment>('GET', deploymentPath(ref.namespace, canaryName(ref.deployment)), {
    accept: [404],
  });
  if (found.status === 404 || found.body.metadata.deletionTimestamp) return undefined;
  return found.body.metadata.annotations?.['paved.dev/canary-of'] === ref.deployment ? found.body : undefined;
}

/**
 * Deletes the canary with its ReplicaSets and pods (foreground: the Deployment stays until its
 * pods are gone) and waits until it is gone, so no canary pod serves once this returns.
 * Returns false when it was still there at the timeout.
 */
export async function removeCanary(
  client: KubeClient,
  ref: DeploymentRef,
  options: { timeoutMs: number; intervalMs?: number },
): Promise<boolean> {
  const path = deploymentPath(ref.namespace, canaryName(ref.deployment));
  await client.request('DELETE', path, {
    body: { kind: 'DeleteOptions', apiVersion: 'v1', propagationPolicy: 'Foreground' },
    accept: [404],
  });
  const deadline = Date.now() + options.timeoutMs;
  for (;;) {
    if ((await client.request('GET', path, { accept: [404] })).status === 404) return true;
    if (Date.now() >= deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, options.intervalMs ?? 250));
  }
}

/** Whether the Service's selector picks the canary's pods too (else the canary would take no traffic). */
export function serviceSelects(
  selector: Record<string, string> | undefined,
  podLabels: Record<string, string>,
): boolean {
  const entries = Object.entries(selector ?? {});
  return entries.length > 0 && entries.every(([key, value]) => podLabels[key] === value);
}

/** The Service's selector; 404 names the Service. */
export async function serviceSelector(
  client: KubeClient,
  namespace: string,
  service: string,
): Promise<Record<string, string> | undefined> {
  const found = await client.get<{ spec?: { selector?: Record<string, string> } }>(
    servicePath(namespace, service),
    `Service '${service}' in namespace '${namespace}'`,
  );
  return found.spec?.selector;
}
