import { inspectContainer, inspectImage, type DockerClient } from '../../docker/index.js';

/** Set by Paved for each release; a redeploy sets its own. */
const OWN = /^(PAVED_[A-Z_]+|PORT)$/;

/**
 * The configuration a release container of this environment runs with that the rollback was
 * not given: what a redeploy (no retained container to restart) carries over, so the restored
 * release is not started without its secrets. The image's own ENV lines are not configuration
 * and stay behind; names the rollback was given (its env and secrets inputs) are its to set.
 * Read from the engine, which only root and the docker group can ask: these values never
 * reach a log or a command line.
 */
export async function carriedEnvironment(
  docker: DockerClient,
  containerId: string,
  given: ReadonlySet<string>,
): Promise<Record<string, string>> {
  const container = await inspectContainer(docker, containerId);
  if (!container) return {};
  const image = container.Image ? await inspectImage(docker, container.Image) : undefined;
  const fromImage = new Set(image?.Config?.Env ?? []);
  const carried: Record<string, string> = Object.create(null);
  for (const line of container.Config.Env ?? []) {
    const index = line.indexOf('=');
    if (index <= 0 || fromImage.has(line)) continue;
    const name = line.slice(0, index);
    if (OWN.test(name) || given.has(name)) continue;
    carried[name] = line.slice(index + 1);
  }
  return carried;
}
