// Builds and pushes the demo service for tests and the bench: one image per version, on the
// stack's engine, to its registry. Returns references pinned by digest.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chooseBuilder, runDocker, type DockerEngine, type NodeBaseImage, type Registry } from '@paved/stack';

export const SERVICE_DIR = path.dirname(fileURLToPath(import.meta.url));

export interface BuiltService {
  version: string;
  /** registry/name:version@sha256:… */
  ref: string;
  digest: string;
}

export async function buildServiceImages(
  engine: DockerEngine,
  registry: Registry,
  base: NodeBaseImage,
  versions: string[],
  repository = 'acme/shop',
): Promise<BuiltService[]> {
  const { builder, cli } = chooseBuilder(engine.clis);
  const env = { ...engine.env(), DOCKER_BUILDKIT: builder === 'legacy' ? '0' : '1' };
  const built: BuiltService[] = [];
  for (const version of versions) {
    const tag = `${registry.address}/${repository}:${version}`;
    const args = ['--build-arg', `BASE=${base.image}`, '--build-arg', `VERSION=${version}`, '--tag', tag, SERVICE_DIR];
    await runDocker(builder === 'buildx' ? ['buildx', 'build', '--load', ...args] : ['build', ...args], {
      cli,
      env,
      timeoutMs: 300_000,
    });
    await runDocker(['push', tag], { env: engine.env(), timeoutMs: 120_000 });
    const digest = await registry.manifestDigest(repository, version);
    built.push({ version, ref: `${tag}@${digest}`, digest });
  }
  return built;
}
