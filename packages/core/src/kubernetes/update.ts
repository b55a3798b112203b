import { UserError } from '../action/errors.js';
import type { KubeClient } from './client.js';
import { KubernetesNotFoundError } from './errors.js';
import { deploymentPath, namespacePath } from './paths.js';
import {
  CHANGE_CAUSE_ANNOTATION,
  POD_TEMPLATE_HASH,
  getDeployment,
  listRevisions,
  type Revision,
} from './revisions.js';
import type { Deployment } from './types.js';

export interface DeploymentRef {
  namespace: string;
  deployment: string;
}

/** Checks namespace, Deployment and container exist before anything is changed; names the missing one. */
export async function resolveDeployment(
  client: KubeClient,
  ref: DeploymentRef,
  container?: string,
): Promise<Deployment> {
  const namespace = await client.request('GET', namespacePath(ref.namespace), { accept: [404, 403] });
  if (namespace.status === 404) {
    throw new KubernetesNotFoundError(`Namespace '${ref.namespace}'`, { code: 404, reason: 'NotFound', message: '' });
  }
  // 403 on the namespace itself is normal for a namespaced Role; the Deployment read decides.
  const deployment = await getDeployment(client, ref.namespace, ref.deployment);
  if (container !== undefined) {
    const names = deployment.spec.template.spec.containers.map((c) => c.name);
    if (!names.includes(container)) {
      throw new UserError(
        `Deployment '${ref.deployment}' in namespace '${ref.namespace}' has no container '${container}' ` +
          `(it has: ${names.join(', ')}): set 'container' in the environment's config to one of them`,
      );
    }
  }
  return deployment;
}

/**
 * Sets one container's image (an exact digest reference) and records the change cause on the
 * Deployment, in one strategic-merge patch so the new ReplicaSet carries both.
 */
export async function setImage(
  client: KubeClient,
  ref: DeploymentRef,
  container: string,
  image: string,
  changeCause: string,
  /** Set on the pod template with the image, so the new ReplicaSet (and a later undo to it) carries them. */
  podAnnotations: Record<string, string> = {},
  /** Added to the pod template's labels (never replacing the ones the selector needs). */
  podLabels: Record<string, string> = {},
): Promise<Deployment> {
  if (!/@sha256:[0-9a-f]{64}$/.test(image)) {
    throw new UserError(`Image '${image}' is not pinned by digest (expected name@sha256:<64 hex>)`);
  }
  await resolveDeployment(client, ref, container);
  const templateMetadata = {
    ...(Object.keys(podAnnotations).length > 0 ? { annotations: podAnnotations } : {}),
    ...(Object.keys(podLabels).length > 0 ? { labels: podLabels } : {}),
  };
  const patch = {
    metadata: { annotations: { [CHANGE_CAUSE_ANNOTATION]: changeCause } },
    spec: {
      template: {
        ...(Object.keys(templateMetadata).length > 0 ? { metadata: templateMetadata } : {}),
        spec: { containers: [{ name: container, image }] },
      },
    },
  };
  const response = await client.request<Deployment>('PATCH', deploymentPath(ref.namespace, ref.deployment), {
    body: patch,
    patchType: 'strategic',
    what: `Deployment '${ref.deployment}' in namespace '${ref.namespace}'`,
  });
  return response.body;
}

export interface UndoResult {
  /** The revision rolled back to, as it was numbered before the undo. */
  toRevision: number;
  replicaSet: string;
  images: Record<string, string>;
  deployment: Deployment;
}

/**
 * What `kubectl rollout undo [--to-revision=N]` does: copy the ReplicaSet's pod template (without
 * its pod-template-hash label) back into the Deployment, with its change cause. The controller
 * then scales that ReplicaSet back up instead of making a new one. Without `toRevision`, the
 * revision before the current one.
 */
export async function undoToRevision(
  client: KubeClient,
  ref: DeploymentRef,
  toRevision?: number,
  /** Records why instead of the revision's own change cause (a rollback names its deployment). */
  changeCause?: string,
): Promise<UndoResult> {
  const deployment = await resolveDeployment(client, ref);
  const revisions = await listRevisions(client, deployment);
  const target = pickRevision(revisions, toRevision, ref);
  const template = structuredClone(target.object.spec.template);
  if (template.metadata?.labels) delete template.metadata.labels[POD_TEMPLATE_HASH];
  const annotations = { ...deployment.metadata.annotations };
  const cause = changeCause ?? target.object.metadata.annotations?.[CHANGE_CAUSE_ANNOTATION];
  if (cause) annotations[CHANGE_CAUSE_ANNOTATION] = cause;
  else delete annotations[CHANGE_CAUSE_ANNOTATION];
  const patch = [
    { op: 'replace', path: '/spec/template', value: template },
    // add, not replace: it also creates the map when the Deployment has none.
    { op: 'add', path: '/metadata/annotations', value: annotations },
  ];
  const response = await client.request<Deployment>('PATCH', deploymentPath(ref.namespace, ref.deployment), {
    body: patch,
    patchType: 'json',
    what: `Deployment '${ref.deployment}' in namespace '${ref.namespace}'`,
  });
  return {
    toRevision: target.revision,
    replicaSet: target.replicaSet,
    images: target.images,
    deployment: response.body,
  };
}

function pickRevision(revisions: Revision[], toRevision: number | undefined, ref: DeploymentRef): Revision {
  const known = revisions.map((r) => r.revision).join(', ') || 'none';
  if (toRevision === undefined) {
    const previous = revisions[1];
    if (!previous) {
      throw new UserError(
        `Deployment '${ref.deployment}' in namespace '${ref.namespace}' has no previous revision to undo to (revisions: ${known})`,
      );
    }
    return previous;
  }
  const found = revisions.find((r) => r.revision === toRevision);
  if (!found) {
    throw new UserError(
      `Deployment '${ref.deployment}' in namespace '${ref.namespace}' has no revision ${toRevision} in its history ` +
        `(revisions kept: ${known}; see spec.revisionHistoryLimit)`,
    );
  }
  return found;
}

/** The newest revision whose ReplicaSet ran `image` in `container`, if the history still has it. */
export async function revisionRunning(
  client: KubeClient,
  ref: DeploymentRef,
  container: string,
  image: string,
): Promise<Revision | undefined> {
  const deployment = await resolveDeployment(client, ref, container);
  return (await listRevisions(client, deployment)).find((r) => r.images[container] === image);
}
