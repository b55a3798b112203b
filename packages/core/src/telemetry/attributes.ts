/**
 * Attribute names from OpenTelemetry's semantic conventions (deployment, CI/CD, VCS, OCI). Most
 * are still "development" there, and the conventions package advises copying those names rather
 * than importing its incubating entry point; Paved's own have the `paved.` prefix.
 */
export const ATTR = {
  deploymentEnvironment: 'deployment.environment.name',
  deploymentId: 'deployment.id',
  deploymentName: 'deployment.name',
  deploymentStatus: 'deployment.status',
  pipelineName: 'cicd.pipeline.name',
  pipelineResult: 'cicd.pipeline.result',
  pipelineRunId: 'cicd.pipeline.run.id',
  pipelineRunUrl: 'cicd.pipeline.run.url.full',
  taskName: 'cicd.pipeline.task.name',
  taskRunId: 'cicd.pipeline.task.run.id',
  taskType: 'cicd.pipeline.task.type',
  vcsProvider: 'vcs.provider.name',
  vcsRepositoryName: 'vcs.repository.name',
  vcsRepositoryUrl: 'vcs.repository.url.full',
  vcsRevision: 'vcs.ref.head.revision',
  vcsRefName: 'vcs.ref.head.name',
  imageName: 'container.image.name',
  imageDigest: 'oci.manifest.digest',
  errorType: 'error.type',
  version: 'paved.release.version',
  verdict: 'paved.gate.verdict',
  score: 'paved.gate.score',
  phase: 'paved.phase',
} as const;

export type TraceAttributes = Record<string, string | number | boolean>;

/** What a trace says about the release; every field is optional since a run may stop early. */
export interface ReleaseFacts {
  environment?: string;
  deploymentId?: number;
  version?: string;
  image?: string;
  digest?: string;
  /** deploy and rollback: whether what was released serves. */
  succeeded?: boolean;
  /** The gate's verdict (pass, warn, fail, inconclusive, error). */
  verdict?: string;
  score?: number;
}

export function releaseAttributes(facts: ReleaseFacts): TraceAttributes {
  const attributes: TraceAttributes = {};
  const set = (key: string, value: string | number | boolean | undefined) => {
    if (value !== undefined && value !== '') attributes[key] = value;
  };
  set(ATTR.deploymentEnvironment, facts.environment);
  set(ATTR.deploymentId, facts.deploymentId === undefined ? undefined : String(facts.deploymentId));
  set(ATTR.version, facts.version);
  set(ATTR.imageName, facts.image?.split('@')[0]);
  set(ATTR.imageDigest, facts.digest ?? facts.image?.match(/@(sha256:[a-f0-9]{64})$/)?.[1]);
  if (facts.succeeded !== undefined) set(ATTR.deploymentStatus, facts.succeeded ? 'succeeded' : 'failed');
  set(ATTR.verdict, facts.verdict);
  set(ATTR.score, facts.score);
  return attributes;
}

/** The workflow run and the commit, from the runner's variables: the same for every span of the run. */
export function pipelineAttributes(env: NodeJS.ProcessEnv): TraceAttributes {
  const attributes: TraceAttributes = {};
  const set = (key: string, value: string | undefined) => {
    if (value) attributes[key] = value;
  };
  const server = env.GITHUB_SERVER_URL || 'https://github.com';
  set(ATTR.pipelineName, env.GITHUB_WORKFLOW);
  set(ATTR.pipelineRunId, env.GITHUB_RUN_ID);
  if (env.GITHUB_REPOSITORY && env.GITHUB_RUN_ID) {
    set(ATTR.pipelineRunUrl, `${server}/${env.GITHUB_REPOSITORY}/actions/runs/${env.GITHUB_RUN_ID}`);
  }
  set(ATTR.taskRunId, env.GITHUB_JOB);
  if (env.GITHUB_REPOSITORY) {
    set(ATTR.vcsProvider, 'github');
    set(ATTR.vcsRepositoryName, env.GITHUB_REPOSITORY.split('/')[1]);
    set(ATTR.vcsRepositoryUrl, `${server}/${env.GITHUB_REPOSITORY}`);
  }
  set(ATTR.vcsRevision, env.GITHUB_SHA);
  set(ATTR.vcsRefName, env.GITHUB_REF_NAME);
  return attributes;
}
