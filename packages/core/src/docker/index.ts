export { DockerClient, DockerCommandError, lastLines } from './cli.js';
export type { DockerClientOptions, DockerResult, DockerRunOptions } from './cli.js';
export { buildCommand, parseBuildSecrets } from './build.js';
export type { BuildCommand, BuildPlan, BuildSecret } from './build.js';
export { chooseDockerBuilder, detectDockerBuilder, findDockerClis } from './builder.js';
export type { BuilderKind, ChosenBuilder, DockerCliInfo, FindClisOptions } from './builder.js';
export { buildGitContextFromPayload, isDefaultBranch, revisionOf } from './git-context.js';
export type { BuildGitContext } from './git-context.js';
export { buildAndPushImage } from './image-build.js';
export type { ImageBuildRequest, ImageBuildResult } from './image-build.js';
export { defaultImageName, parseImageName } from './image-name.js';
export type { ImageName } from './image-name.js';
export { imageLabels, ociLabels } from './labels.js';
export { loginToRegistry, RegistryLoginError } from './login.js';
export type { RegistryCredentials, RegistrySession } from './login.js';
export {
  backoffDelay as pushBackoffDelay,
  classifyPushFailure,
  digestFromPushOutput,
  pushTags,
  withPushRetry,
} from './push.js';
export type { PushedTag, PushFailureKind, RetryOptions as PushRetryOptions } from './push.js';
export { fetchManifest, MANIFEST_ACCEPT, registryBaseUrl } from './registry-api.js';
export type { RemoteManifest } from './registry-api.js';
export { computeTags, parseTagRule, parseTagRules, sanitizeTag, semverOf } from './tags.js';
export type { ComputedTags, LatestMode, TagRule, TagRuleType } from './tags.js';
