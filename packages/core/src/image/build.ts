import { InputError } from '../action/errors.js';
import type { BuilderKind } from './builder.js';

export interface BuildSecret {
  id: string;
  /** The variable that carries the value into the docker CLI's environment (never its argv). */
  env: string;
  value: string;
}

/**
 * `id=value` lines of the `secrets` input. Errors say which line, never what it holds: the
 * line may be a password with a typo.
 */
export function parseBuildSecrets(lines: readonly string[]): BuildSecret[] {
  const secrets: BuildSecret[] = [];
  const envs = new Set<string>();
  lines.forEach((line, index) => {
    const eq = line.indexOf('=');
    const id = eq > 0 ? line.slice(0, eq).trim() : '';
    if (!/^[A-Za-z0-9_.-]+$/.test(id)) {
      throw new InputError(
        'secrets',
        `Input 'secrets' line ${index + 1} must be id=value with an id of letters, digits, '_', '.' or '-' (the line is not shown, it may hold a secret)`,
      );
    }
    if (secrets.some((s) => s.id === id)) throw new InputError('secrets', `Input 'secrets' gives the id '${id}' twice`);
    let env = `PAVED_SECRET_${id.toUpperCase().replace(/[^A-Z0-9_]/g, '_')}`;
    // Ids that differ only in punctuation (a-b, a.b) must not share a variable.
    for (let n = 2; envs.has(env); n += 1) env = `${env.replace(/_\d+$/, '')}_${n}`;
    envs.add(env);
    secrets.push({ id, env, value: line.slice(eq + 1) });
  });
  return secrets;
}

/** What a build asks of the builder, as the inputs give it and as the plan passes it on. */
export interface BuildSettings {
  target?: string;
  buildArgs: readonly string[];
  platforms: readonly string[];
  cacheFrom: readonly string[];
  cacheTo: readonly string[];
  annotations: readonly string[];
  provenance?: string;
  sbom: boolean;
  push: boolean;
  load: boolean;
  /** Network for RUN steps (`host`, `none`, `default`). */
  network?: string;
}

export interface BuildPlan extends BuildSettings {
  context: string;
  /** Absolute Dockerfile path. */
  file: string;
  secrets: readonly BuildSecret[];
  /** Full references `name:tag`. */
  refs: readonly string[];
  labels: Record<string, string>;
  /** Where the builder writes the image id. */
  iidFile: string;
  /** Where buildx writes its metadata (digest of a pushed image). */
  metadataFile: string;
}

export interface BuildCommand {
  args: string[];
  /** Environment for the build only: DOCKER_BUILDKIT and the secret values. */
  env: Record<string, string>;
  /** Inputs this builder cannot honour, said out loud rather than dropped silently. */
  warnings: string[];
}

const NEEDS_BUILDX = 'needs buildx (docker/setup-buildx-action), which this runner does not have';

/**
 * The argument array for the chosen builder. Secrets reach BuildKit as `--secret id=X,env=VAR`
 * with the value only in the child's environment, so neither `ps` nor the log shows it; the
 * classic builder has no secret mounts, and baking them into a layer is not an option, so it
 * refuses them.
 */
export function buildCommand(kind: BuilderKind, plan: BuildPlan): BuildCommand {
  const warnings: string[] = [];
  const env: Record<string, string> = {};
  const args: string[] = kind === 'buildx' ? ['buildx', 'build'] : ['build'];
  args.push('--file', plan.file);
  for (const ref of plan.refs) args.push('--tag', ref);
  for (const [name, value] of Object.entries(plan.labels)) args.push('--label', `${name}=${value}`);
  for (const arg of plan.buildArgs) args.push('--build-arg', arg);
  if (plan.target) args.push('--target', plan.target);
  if (plan.network) args.push('--network', plan.network);
  args.push('--iidfile', plan.iidFile);

  if (plan.secrets.length > 0 && kind === 'classic') {
    throw new InputError(
      'secrets',
      "Input 'secrets' needs BuildKit, and this runner only has the classic builder (a docker CLI of 23 or later without buildx). " +
        'Install buildx (docker/setup-buildx-action), or set PAVED_DOCKER to a docker CLI older than 23.',
    );
  }
  for (const secret of plan.secrets) {
    args.push('--secret', `id=${secret.id},env=${secret.env}`);
    env[secret.env] = secret.value;
  }

  if (kind === 'buildx') {
    if (plan.platforms.length > 0) args.push('--platform', plan.platforms.join(','));
    for (const from of plan.cacheFrom) args.push('--cache-from', from);
    for (const to of plan.cacheTo) args.push('--cache-to', to);
    for (const annotation of plan.annotations) args.push('--annotation', annotation);
    if (plan.provenance) args.push(`--provenance=${plan.provenance}`);
    if (plan.sbom) args.push('--sbom=true');
    args.push('--metadata-file', plan.metadataFile);
    if (plan.push) args.push('--push');
    if (plan.load) args.push('--load');
  } else {
    env.DOCKER_BUILDKIT = kind === 'buildkit' ? '1' : '0';
    if (plan.platforms.length > 1) {
      throw new InputError(
        'platforms',
        `Input 'platforms' lists ${plan.platforms.length} platforms; building for more than one ${NEEDS_BUILDX}`,
      );
    }
    if (plan.platforms.length === 1) args.push('--platform', plan.platforms[0]!);
    for (const from of plan.cacheFrom) {
      // docker build only reads cache from an image: type=registry,ref=X or a bare reference.
      const ref = /^type=registry,(?:.*,)?ref=([^,]+)/.exec(from)?.[1] ?? (from.includes('=') ? undefined : from);
      if (ref) args.push('--cache-from', ref);
      else warnings.push(`cache-from '${from}' ignored: it ${NEEDS_BUILDX}`);
    }
    for (const to of plan.cacheTo) warnings.push(`cache-to '${to}' ignored: exporting cache ${NEEDS_BUILDX}`);
    if (plan.annotations.length > 0) warnings.push(`annotations ignored: manifest annotations ${NEEDS_BUILDX}`);
    if (plan.provenance) warnings.push(`provenance '${plan.provenance}' ignored: attestations ${NEEDS_BUILDX}`);
    if (plan.sbom) warnings.push(`sbom ignored: SBOM attestations ${NEEDS_BUILDX}`);
  }
  args.push(plan.context);
  return { args, env, warnings };
}
