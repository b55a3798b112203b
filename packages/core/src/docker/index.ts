export { DockerClient, DockerCommandError, lastLines } from './cli.js';
export type { DockerClientOptions, DockerResult, DockerRunOptions } from './cli.js';
