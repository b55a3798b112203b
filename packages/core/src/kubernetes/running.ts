import type { KubeClient } from './client.js';
import { podsPath, selectorOf } from './paths.js';
import { currentRevision } from './revisions.js';
import type { Deployment, List, Pod } from './types.js';
import { resolveDeployment, type DeploymentRef } from './update.js';

export interface RunningPod {
  name: string;
  node?: string;
  ready: boolean;
  /** Container name → the image ID the runtime reports (the digest actually running). */
  imageIDs: Record<string, string>;
}

/** What the cluster says runs: the current revision's ReplicaSet and its pods. */
export interface RunningState {
  revision: number;
  replicaSet: string;
  /** Container name → image in the ReplicaSet's template. */
  images: Record<string, string>;
  /** The ReplicaSet's pod-template annotations (what a release wrote there travels with its revision). */
  annotations: Record<string, string>;
  pods: RunningPod[];
}

/** `deployment`, when the caller has just read it (its namespace known to exist), saves reading it again. */
export async function readRunning(
  client: KubeClient,
  ref: DeploymentRef,
  deployment?: Deployment,
): Promise<RunningState | undefined> {
  deployment ??= await resolveDeployment(client, ref);
  // Pods by the Deployment's selector, read beside its ReplicaSets (one round trip less than
  // asking for the current ReplicaSet's pods once it is known); its own are picked by owner.
  const [revision, listed] = await Promise.all([
    currentRevision(client, deployment),
    client.get<List<Pod>>(
      podsPath(deployment.metadata.namespace ?? ref.namespace, selectorOf(deployment.spec.selector.matchLabels)),
    ),
  ]);
  if (!revision) return undefined;
  const pods = listed.items.filter((pod) =>
    pod.metadata.ownerReferences?.some((owner) => owner.uid === revision.object.metadata.uid),
  );
  return {
    revision: revision.revision,
    replicaSet: revision.replicaSet,
    images: revision.images,
    annotations: { ...revision.object.spec.template.metadata?.annotations },
    pods: pods
      .filter((pod) => !pod.metadata.deletionTimestamp)
      .map((pod) => ({
        name: pod.metadata.name,
        ...(pod.spec.nodeName ? { node: pod.spec.nodeName } : {}),
        ready: pod.status?.conditions?.find((c) => c.type === 'Ready')?.status === 'True',
        imageIDs: Object.fromEntries((pod.status?.containerStatuses ?? []).map((c) => [c.name, c.imageID])),
      })),
  };
}

/**
 * Whether every pod of the current revision runs `digest` in `container`: the runtime's image ID
 * ends with the digest (runtimes prefix it with a repository or a scheme).
 */
export function runsDigest(state: RunningState, container: string, digest: string): boolean {
  return state.pods.length > 0 && state.pods.every((pod) => pod.imageIDs[container]?.endsWith(digest) ?? false);
}
