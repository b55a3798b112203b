import type { KubeClient } from './client.js';
import { deploymentPath, podsPath, replicaSetsPath, selectorOf } from './paths.js';
import type { Deployment, List, Pod, ReplicaSet } from './types.js';

export const REVISION_ANNOTATION = 'deployment.kubernetes.io/revision';
export const CHANGE_CAUSE_ANNOTATION = 'kubernetes.io/change-cause';
const POD_TEMPLATE_HASH = 'pod-template-hash';

/** One entry of a Deployment's history: a ReplicaSet it owns, by revision. */
export interface Revision {
  revision: number;
  replicaSet: string;
  podTemplateHash: string;
  images: Record<string, string>;
  changeCause?: string;
  replicas: number;
  /** The object itself, for undo. */
  object: ReplicaSet;
}

export async function getDeployment(client: KubeClient, namespace: string, name: string): Promise<Deployment> {
  return client.get<Deployment>(deploymentPath(namespace, name), `Deployment '${name}' in namespace '${namespace}'`);
}

/** The Deployment's ReplicaSets, newest revision first (what `kubectl rollout history` lists). */
export async function listRevisions(client: KubeClient, deployment: Deployment): Promise<Revision[]> {
  const namespace = deployment.metadata.namespace ?? 'default';
  const list = await client.get<List<ReplicaSet>>(
    replicaSetsPath(namespace, selectorOf(deployment.spec.selector.matchLabels)),
  );
  return list.items
    .filter((rs) => rs.metadata.ownerReferences?.some((ref) => ref.controller && ref.uid === deployment.metadata.uid))
    .map((rs) => ({
      revision: Number(rs.metadata.annotations?.[REVISION_ANNOTATION] ?? 0),
      replicaSet: rs.metadata.name,
      podTemplateHash: rs.metadata.labels?.[POD_TEMPLATE_HASH] ?? '',
      images: Object.fromEntries(rs.spec.template.spec.containers.map((c) => [c.name, c.image])),
      ...(rs.metadata.annotations?.[CHANGE_CAUSE_ANNOTATION]
        ? { changeCause: rs.metadata.annotations[CHANGE_CAUSE_ANNOTATION] }
        : {}),
      replicas: rs.spec.replicas ?? 0,
      object: rs,
    }))
    .sort((a, b) => b.revision - a.revision);
}

/**
 * The ReplicaSet of the Deployment's current template: the controller gives the newest template
 * the highest revision (an undo moves the old ReplicaSet to the top), so it is the first.
 */
export async function currentRevision(client: KubeClient, deployment: Deployment): Promise<Revision | undefined> {
  const revisions = await listRevisions(client, deployment);
  const newest = revisions[0];
  // Until the controller has observed a new template, the newest ReplicaSet is still the old one.
  if (!newest || (deployment.status?.observedGeneration ?? 0) < (deployment.metadata.generation ?? 0)) return undefined;
  return newest;
}

/** Pods of one ReplicaSet (selected by its pod-template-hash and owner). */
export async function podsOf(client: KubeClient, revision: Revision): Promise<Pod[]> {
  const namespace = revision.object.metadata.namespace ?? 'default';
  const selector = selectorOf({
    ...revision.object.spec.template.metadata?.labels,
    [POD_TEMPLATE_HASH]: revision.podTemplateHash,
  });
  const pods = await client.get<List<Pod>>(podsPath(namespace, selector));
  return pods.items.filter((pod) =>
    pod.metadata.ownerReferences?.some((ref) => ref.uid === revision.object.metadata.uid),
  );
}

export { POD_TEMPLATE_HASH };
