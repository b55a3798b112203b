export {
  startStack,
  ALL_SERVICES,
  type Stack,
  type StackHandles,
  type StackOptions,
  type StackService,
  type DefaultStackService,
} from './stack.js';
export { startDockerEngine, type DockerEngine, type DockerEngineOptions } from './docker/docker-engine.js';
export {
  findDockerClis,
  defaultDockerCli,
  runDocker,
  type DockerCli,
  type DockerRunOptions,
} from './docker/docker-cli.js';
export {
  buildImage,
  chooseBuilder,
  type Builder,
  type BuildOptions,
  type BuildResult,
  type BuildTarget,
} from './docker/build-image.js';
export { ensureNodeBaseImage, type NodeBaseImage, type NodeBaseImageOptions } from './docker/node-base-image.js';
export { buildCaddyImage, type CaddyImage, type CaddyImageOptions } from './docker/caddy-image.js';
export { nodeRuntimeBinary, sharedLibraries, type NodeBinary } from './docker/node-binary.js';
export { startRegistry, type Registry, type RegistryOptions } from './registry/registry.js';
export {
  startPrometheus,
  type Prometheus,
  type PrometheusOptions,
  type ActiveTarget,
  type PromSample,
} from './prometheus/prometheus.js';
export { startPushgateway, type Pushgateway, type PushgatewayOptions } from './prometheus/pushgateway.js';
export { toOpenMetrics, type HistorySeries } from './prometheus/open-metrics.js';
export { writeHistoryBlocks } from './prometheus/backfill.js';
export type { ScrapeJob } from './prometheus/scrape-config.js';
export { startSshServer, type SshServer, type SshServerOptions } from './ssh/sshd.js';
export { startCaddy, type Caddy, type CaddyOptions } from './caddy/caddy.js';
export { startFleet, type Fleet, type FleetOptions } from './fleet/fleet.js';
export type { FleetHost } from './fleet/fleet-host.js';
export { reserveFleetNetwork, type FleetNetwork } from './fleet/network.js';
export type { RegistryListener } from './registry/registry.js';
export type { KeyPair } from './ssh/ssh-keys.js';
export { freePort, freePorts } from './process/free-port.js';
export { runProgram, type RunOptions, type RunResult } from './process/run-program.js';
export { trackedPids } from './process/cleanup-guard.js';
export {
  stackAvailability,
  ALL_PIECES,
  type StackPiece,
  type Availability,
  type MissingPiece,
  type ProbeHooks,
} from './testing/availability.js';
export {
  describeWithStack,
  planStackSuite,
  SKIP_STACK_VARIABLE,
  SKIPPED_MARKER,
  type StackSuitePlan,
} from './testing/describe-with-stack.js';
export {
  startKubernetesCluster,
  type KubernetesCluster,
  type KubernetesClusterOptions,
  type ClusterUser,
} from './kubernetes/cluster.js';
export {
  kubeApi,
  type KubeApi,
  type KubeCredentials,
  type KubeResponse,
  type PatchType,
} from './kubernetes/kube-api.js';
export { kubeconfigText } from './kubernetes/kubeconfig.js';
export type { ClientIdentity } from './kubernetes/pki.js';
export {
  kubernetesBinaries,
  kubernetesBinDir,
  kubernetesVersion,
  missingKubernetesPrograms,
  KUBERNETES_PROGRAMS,
} from './kubernetes/binaries.js';
export {
  NEVER_READY_ANNOTATION,
  CRASH_ANNOTATION,
  IMAGE_PULL_ERROR_ANNOTATION,
  FAKE_NODE_ANNOTATION,
  failingImage,
} from './kubernetes/kwok-stages.js';
export type { PodFailureKind } from './kubernetes/kwok-stages.js';
export { startJaeger, type Jaeger, type JaegerOptions, type JaegerSpan, type JaegerTrace } from './jaeger/jaeger.js';
export { findJaegerBinary, jaegerBinary, jaegerBinDir, jaegerVersion } from './jaeger/binary.js';
