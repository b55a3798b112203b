/*
 * kwok's Stage resources: what a fake kubelet does to a pod that matches a selector. The default
 * lifecycle makes scheduled pods Running and Ready and deletes pods marked for deletion; a pod
 * that carries a failure — its template's annotation (value "true"), or an image whose digest
 * starts with the failure's marker — is instead held in that failure state, so rollouts fail
 * the ways real ones do. The marker lets a test fail one release by its image alone, the way a
 * broken build fails in production: the deploy sets nothing but the image.
 */

/** Annotation kwok uses to pick the nodes it manages. */
export const FAKE_NODE_ANNOTATION = 'kwok.x-k8s.io/node';

/** A started container's state, as YAML under each container status (8 spaces in). */
const RUNNING = `
        state:
          running:
            startedAt: {{ $now | Quote }}`;

interface FailureStage {
  /** The Stage's name. */
  name: string;
  annotation: string;
  /** Hex after `@sha256:` that selects the stage by image. */
  digestMarker: string;
  ready: false;
  started: boolean;
  restartCount: number;
  /** The container's state and lastState, as YAML under each container status (10 spaces in). */
  state: string;
  phase: 'Running' | 'Pending';
  /** The runtime has not pulled the image, so it reports no image ID. */
  noImageId?: boolean;
  /** Applies once: the stage writes container statuses, after which it must not match again. */
  once?: boolean;
}

const FAILURES = {
  /** Running, but the readiness "probe" never passes (like a failing readinessProbe). */
  neverReady: {
    name: 'pod-never-ready',
    annotation: 'paved.test/never-ready',
    digestMarker: '0eadbeef',
    ready: false,
    started: true,
    restartCount: 0,
    state: RUNNING,
    phase: 'Running',
  },
  /** The container keeps exiting: waiting in CrashLoopBackOff after exit code 1. */
  crash: {
    name: 'pod-crash-loop',
    annotation: 'paved.test/crash',
    digestMarker: 'c7a5c7a5',
    ready: false,
    started: false,
    restartCount: 3,
    state: `
        state:
          waiting:
            reason: CrashLoopBackOff
            message: {{ printf "back-off 40s restarting failed container=%s" .name | Quote }}
        lastState:
          terminated:
            exitCode: 1
            reason: Error
            startedAt: {{ $now | Quote }}
            finishedAt: {{ $now | Quote }}`,
    phase: 'Running',
  },
  /** The image cannot be pulled: Pending with the container waiting in ErrImagePull. */
  imagePullError: {
    name: 'pod-image-pull-error',
    annotation: 'paved.test/image-pull-error',
    digestMarker: 'bad1bad1',
    ready: false,
    started: false,
    restartCount: 0,
    state: `
        state:
          waiting:
            reason: ErrImagePull
            message: {{ printf "failed to pull image %s: not found" .image | Quote }}`,
    phase: 'Pending',
    noImageId: true,
    once: true,
  },
} as const satisfies Record<string, FailureStage>;

export type PodFailureKind = keyof typeof FAILURES;

/** Running, but the readiness "probe" never passes (like a failing readinessProbe). */
export const NEVER_READY_ANNOTATION = FAILURES.neverReady.annotation;
/** The container keeps exiting: waiting in CrashLoopBackOff after exit code 1. */
export const CRASH_ANNOTATION = FAILURES.crash.annotation;
/** The image cannot be pulled: Pending with the container waiting in ErrImagePull. */
export const IMAGE_PULL_ERROR_ANNOTATION = FAILURES.imagePullError.annotation;

/**
 * An image reference whose pods fail as `kind` says on the local cluster's nodes: its digest
 * starts with the failure's marker, the rest filled with `fill` (one hex digit).
 */
export function failingImage(repository: string, kind: PodFailureKind, fill = '0'): string {
  const marker = FAILURES[kind].digestMarker;
  return `${repository}@sha256:${marker}${fill.repeat(64 - marker.length)}`;
}

/** A jq expression, true for a pod that carries the failure (annotation or image marker). */
const carries = (failure: FailureStage): string =>
  `(.metadata.annotations["${failure.annotation}"] == "true") or ` +
  `([.spec.containers.[] | .image | contains("@sha256:${failure.digestMarker}")] | any)`;

const scheduledPending = `
    - key: '.metadata.deletionTimestamp'
      operator: 'DoesNotExist'
    - key: '.spec.nodeName'
      operator: 'Exists'
    - key: '.status.phase'
      operator: 'In'
      values: ['Pending']`;

const podAddresses = `
      {{ with NodeIPWith .spec.nodeName }}
      hostIP: {{ . | Quote }}
      hostIPs:
      - ip: {{ . | Quote }}
      {{ end }}
      {{ with PodIPWith .spec.nodeName ( or .spec.hostNetwork false ) ( or .metadata.uid "" ) ( or .metadata.name "" ) ( or .metadata.namespace "" ) }}
      podIP: {{ . | Quote }}
      podIPs:
      - ip: {{ . | Quote }}
      {{ end }}`;

const conditions = (ready: boolean): string => {
  const status = ready ? 'True' : 'False';
  const why = ready ? '' : 'ContainersNotReady';
  const message = ready ? '' : 'containers with unready status';
  const condition = (type: string, reasoned: boolean) => `
      - type: ${type}
        status: "${reasoned ? status : 'True'}"${reasoned ? `\n        reason: "${why}"\n        message: "${message}"` : ''}
        lastTransitionTime: {{ $now | Quote }}`;
  return `
      conditions:${condition('Initialized', false)}${condition('Ready', true)}${condition('ContainersReady', true)}`;
};

/**
 * One pod Stage: scheduled pending pods matching `selector` get every container's status as
 * `container` describes it and the pod `phase`.
 */
function podStage(
  name: string,
  selector: string,
  pod: { ready: boolean; started: boolean; restartCount: number; state: string; phase: string; noImageId?: boolean },
): string {
  // What a runtime reports as imageID: the digest reference when the image was named by digest.
  const imageId = pod.noImageId ? '""' : '{{ if contains "@sha256:" .image }}{{ .image | Quote }}{{ else }}""{{ end }}';
  return `
apiVersion: kwok.x-k8s.io/v1alpha1
kind: Stage
metadata:
  name: ${name}
spec:
  resourceRef:
    apiGroup: v1
    kind: Pod
  selector:
    matchExpressions:${scheduledPending}${selector}
  next:
    statusTemplate: |
      {{ $now := Now }}${conditions(pod.ready)}
      containerStatuses:
      {{ range .spec.containers }}
      - name: {{ .name | Quote }}
        image: {{ .image | Quote }}
        imageID: ${imageId}
        containerID: {{ printf "kwok://%s" .name | Quote }}
        ready: ${pod.ready}
        started: ${pod.started}
        restartCount: ${pod.restartCount}${pod.state}
      {{ end }}${podAddresses}
      phase: ${pod.phase}
      startTime: {{ $now | Quote }}
`;
}

const expression = (key: string, operator: 'In' | 'NotIn'): string => `
    - key: '${key}'
      operator: '${operator}'
      values: ['true']`;

const failures: FailureStage[] = Object.values(FAILURES);

const podReady = podStage('pod-ready', failures.map((f) => expression(carries(f), 'NotIn')).join(''), {
  ready: true,
  started: true,
  restartCount: 0,
  state: RUNNING,
  phase: 'Running',
});

const failureStages = failures.map((failure) =>
  podStage(
    failure.name,
    expression(carries(failure), 'In') +
      (failure.once
        ? `
    - key: '.status.containerStatuses'
      operator: 'DoesNotExist'`
        : ''),
    failure,
  ),
);

const nodeInitialize = `
apiVersion: kwok.x-k8s.io/v1alpha1
kind: Stage
metadata:
  name: node-initialize
spec:
  resourceRef:
    apiGroup: v1
    kind: Node
  selector:
    matchExpressions:
    - key: '.status.conditions.[] | select( .type == "Ready" ) | .status'
      operator: 'NotIn'
      values: ['True']
  next:
    statusTemplate: |
      {{ $now := Now }}
      conditions:
      {{ range NodeConditions }}
      - type: {{ .type | Quote }}
        status: {{ .status | Quote }}
        reason: {{ .reason | Quote }}
        message: {{ .message | Quote }}
        lastHeartbeatTime: {{ $now | Quote }}
        lastTransitionTime: {{ $now | Quote }}
      {{ end }}
      addresses:
      - type: InternalIP
        address: {{ NodeIP | Quote }}
      - type: Hostname
        address: {{ .metadata.name | Quote }}
      allocatable:
        cpu: "32"
        memory: 64Gi
        pods: "110"
      capacity:
        cpu: "32"
        memory: 64Gi
        pods: "110"
      nodeInfo:
        architecture: amd64
        operatingSystem: linux
        kubeletVersion: {{ printf "kwok-%s" Version | Quote }}
        containerRuntimeVersion: {{ printf "kwok-%s" Version | Quote }}
      phase: Running
`;

const podDelete = `
apiVersion: kwok.x-k8s.io/v1alpha1
kind: Stage
metadata:
  name: pod-delete
spec:
  resourceRef:
    apiGroup: v1
    kind: Pod
  selector:
    matchExpressions:
    - key: '.metadata.deletionTimestamp'
      operator: 'Exists'
  next:
    delete: true
`;

/** The configuration file kwok is started with (`--config`): every stage, as YAML documents. */
export function kwokStagesConfig(): string {
  return [nodeInitialize, podReady, ...failureStages, podDelete]
    .map((doc) => doc.trim())
    .join('\n---\n')
    .concat('\n');
}
