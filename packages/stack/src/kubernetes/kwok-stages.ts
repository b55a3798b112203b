/*
 * kwok's Stage resources: what a fake kubelet does to a pod that matches a selector. The default
 * lifecycle makes scheduled pods Running and Ready and deletes pods marked for deletion; a pod
 * template carrying one of these annotations (value "true") is instead held in a failure state,
 * so rollouts can fail the ways real ones do.
 */

/** Running, but the readiness "probe" never passes (like a failing readinessProbe). */
export const NEVER_READY_ANNOTATION = 'paved.test/never-ready';
/** The container keeps exiting: waiting in CrashLoopBackOff after exit code 1. */
export const CRASH_ANNOTATION = 'paved.test/crash';
/** The image cannot be pulled: Pending with the container waiting in ErrImagePull. */
export const IMAGE_PULL_ERROR_ANNOTATION = 'paved.test/image-pull-error';

/** Annotation kwok uses to pick the nodes it manages. */
export const FAKE_NODE_ANNOTATION = 'kwok.x-k8s.io/node';

const FAILURE_ANNOTATIONS = [NEVER_READY_ANNOTATION, CRASH_ANNOTATION, IMAGE_PULL_ERROR_ANNOTATION];

const annotationKey = (name: string): string => `.metadata.annotations["${name}"]`;

const scheduledPending = `
    - key: '.metadata.deletionTimestamp'
      operator: 'DoesNotExist'
    - key: '.spec.nodeName'
      operator: 'Exists'
    - key: '.status.phase'
      operator: 'In'
      values: ['Pending']`;

// What a runtime reports as imageID: the digest reference when the image was named by digest.
const containerIdentity = `
        image: {{ .image | Quote }}
        imageID: {{ if contains "@sha256:" .image }}{{ .image | Quote }}{{ else }}""{{ end }}
        containerID: {{ printf "kwok://%s" .name | Quote }}`;

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

const conditions = (ready: boolean, reason = '', message = ''): string => `
      conditions:
      - type: Initialized
        status: "True"
        lastTransitionTime: {{ $now | Quote }}
      - type: Ready
        status: "${ready ? 'True' : 'False'}"
        reason: "${reason}"
        message: "${message}"
        lastTransitionTime: {{ $now | Quote }}
      - type: ContainersReady
        status: "${ready ? 'True' : 'False'}"
        reason: "${reason}"
        message: "${message}"
        lastTransitionTime: {{ $now | Quote }}`;

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

const podReady = `
apiVersion: kwok.x-k8s.io/v1alpha1
kind: Stage
metadata:
  name: pod-ready
spec:
  resourceRef:
    apiGroup: v1
    kind: Pod
  selector:
    matchExpressions:${scheduledPending}
${FAILURE_ANNOTATIONS.map((name) => `    - key: '${annotationKey(name)}'\n      operator: 'DoesNotExist'`).join('\n')}
  next:
    statusTemplate: |
      {{ $now := Now }}${conditions(true)}
      containerStatuses:
      {{ range .spec.containers }}
      - name: {{ .name | Quote }}${containerIdentity}
        ready: true
        started: true
        restartCount: 0
        state:
          running:
            startedAt: {{ $now | Quote }}
      {{ end }}${podAddresses}
      phase: Running
      startTime: {{ $now | Quote }}
`;

const podNeverReady = `
apiVersion: kwok.x-k8s.io/v1alpha1
kind: Stage
metadata:
  name: pod-never-ready
spec:
  resourceRef:
    apiGroup: v1
    kind: Pod
  selector:
    matchExpressions:${scheduledPending}
    - key: '${annotationKey(NEVER_READY_ANNOTATION)}'
      operator: 'In'
      values: ['true']
  next:
    statusTemplate: |
      {{ $now := Now }}${conditions(false, 'ContainersNotReady', 'containers with unready status')}
      containerStatuses:
      {{ range .spec.containers }}
      - name: {{ .name | Quote }}${containerIdentity}
        ready: false
        started: true
        restartCount: 0
        state:
          running:
            startedAt: {{ $now | Quote }}
      {{ end }}${podAddresses}
      phase: Running
      startTime: {{ $now | Quote }}
`;

const podCrashLoop = `
apiVersion: kwok.x-k8s.io/v1alpha1
kind: Stage
metadata:
  name: pod-crash-loop
spec:
  resourceRef:
    apiGroup: v1
    kind: Pod
  selector:
    matchExpressions:${scheduledPending}
    - key: '${annotationKey(CRASH_ANNOTATION)}'
      operator: 'In'
      values: ['true']
  next:
    statusTemplate: |
      {{ $now := Now }}${conditions(false, 'ContainersNotReady', 'containers with unready status')}
      containerStatuses:
      {{ range .spec.containers }}
      - name: {{ .name | Quote }}${containerIdentity}
        ready: false
        started: false
        restartCount: 3
        state:
          waiting:
            reason: CrashLoopBackOff
            message: {{ printf "back-off 40s restarting failed container=%s" .name | Quote }}
        lastState:
          terminated:
            exitCode: 1
            reason: Error
            startedAt: {{ $now | Quote }}
            finishedAt: {{ $now | Quote }}
      {{ end }}${podAddresses}
      phase: Running
      startTime: {{ $now | Quote }}
`;

const podImagePullError = `
apiVersion: kwok.x-k8s.io/v1alpha1
kind: Stage
metadata:
  name: pod-image-pull-error
spec:
  resourceRef:
    apiGroup: v1
    kind: Pod
  selector:
    matchExpressions:${scheduledPending}
    - key: '${annotationKey(IMAGE_PULL_ERROR_ANNOTATION)}'
      operator: 'In'
      values: ['true']
    - key: '.status.containerStatuses'
      operator: 'DoesNotExist'
  next:
    statusTemplate: |
      {{ $now := Now }}${conditions(false, 'ContainersNotReady', 'containers with unready status')}
      containerStatuses:
      {{ range .spec.containers }}
      - name: {{ .name | Quote }}
        image: {{ .image | Quote }}
        imageID: ""
        ready: false
        started: false
        restartCount: 0
        state:
          waiting:
            reason: ErrImagePull
            message: {{ printf "failed to pull image %s: not found" .image | Quote }}
      {{ end }}${podAddresses}
      phase: Pending
      startTime: {{ $now | Quote }}
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
  return [nodeInitialize, podReady, podNeverReady, podCrashLoop, podImagePullError, podDelete]
    .map((doc) => doc.trim())
    .join('\n---\n')
    .concat('\n');
}
