export { DockerClient, DockerCommandError, lastLines } from './cli.js';
export { pingEngineSocket, unixEndpointPath } from './engine-socket.js';
export {
  containerIds,
  engineInfo,
  inspectContainer,
  inspectContainers,
  inspectImage,
  inspectNetwork,
} from './engine-reads.js';
export type { ContainerInspect, EngineInfo, ImageInspect, NetworkInspect } from './engine-reads.js';
export {
  createIdleContainer,
  forceRemoveContainer,
  idleContainerArgs,
  removeStoppedContainer,
  stopContainer,
} from './engine-writes.js';
export type { CreateOutcome, IdleContainerSpec } from './engine-writes.js';
export { runArgs, runContainer, withEnvFile } from './run.js';
export type { ContainerRunSpec } from './run.js';
export type { DockerConnection, DockerRunOptions } from './cli.js';
export { defaultImageName, parseImageName } from './image-name.js';
export type { ImageName } from './image-name.js';
export { loginToRegistry, RegistryLoginError } from './login.js';
export type { RegistryCredentials, RegistrySession } from './login.js';
export { fetchManifest, MANIFEST_ACCEPT, registryBaseUrl } from './registry-api.js';
export type { RemoteManifest } from './registry-api.js';
