import {
  inspectContainers,
  inspectImage,
  lastLines,
  withEnvFile,
  type ContainerInspect,
  type DockerClient,
} from '../../docker/index.js';
import { envEntries, redactSecrets } from '../env-file.js';
import { PAVED_LABELS } from '../naming.js';
import type { ImageCheck, MigrateRollbackRun, RollbackHost } from '../target.js';
import { listReleases } from './containers.js';
import { pinnedRef } from './image.js';

/** Variables that are never secrets and whose values would make the redacted output unreadable. */
const PUBLIC = /^(PATH|HOME|HOSTNAME|PORT|NODE_VERSION|YARN_VERSION|APP_VERSION|PAVED_[A-Z_]+)$/;
const MISSING =
  /manifest unknown|manifest .* not found|not found: manifest|repository .* not found|does not exist|name unknown/i;

/** A Docker host, asked through the same docker CLI (and so the same credentials and network) the target uses. */
export class DockerRollbackHost implements RollbackHost {
  constructor(
    private readonly docker: DockerClient,
    private readonly release: { service: string; environment: string; tempDir?: string },
  ) {}

  /**
   * `docker pull` by digest always asks the registry for the manifest, even when the image is
   * on the host, so it answers "is it still there" and, for a redeploy, fetches it at once.
   */
  async checkImage(image: string): Promise<ImageCheck> {
    const ref = pinnedRef(image);
    const pulled = await this.docker.run(['pull', '--quiet', '--', ref], { allowFailure: true });
    if (pulled.code === 0) return { state: 'available' };
    const detail = lastLines(`${pulled.stderr}\n${pulled.stdout}`.trim(), 3);
    if (MISSING.test(detail)) return { state: 'missing', detail };
    const present = await inspectImage(this.docker, ref);
    return { state: 'unreachable', presentOnHost: present !== undefined, detail };
  }

  /**
   * Runs the undo in the bad release's own container when it still runs (`docker exec`: its
   * configuration, secrets, volumes and network as they are), else in a one-off container of
   * its image with the configuration and volumes of its stopped container, else with neither.
   */
  async runMigrateRollback(bad: { image: string; digest: string }, argv: string[]): Promise<MigrateRollbackRun> {
    const container = (await listReleases(this.docker, this.release.service, this.release.environment)).find(
      (release) => release.digest === bad.digest,
    );
    if (container?.status === 'running') {
      const result = await this.docker.run(['exec', '--', container.id, ...argv], { allowFailure: true });
      const [details] = await inspectContainers(this.docker, [container.id]);
      return this.outcome(result, `docker exec ${container.name}`, envOf(details));
    }
    const [details] = container ? await inspectContainers(this.docker, [container.id]) : [];
    const env = envOf(details);
    // The stopped container's environment holds its secrets: it reaches docker as a deploy's does.
    return withEnvFile(envEntries(env), this.release.tempDir, async (file) => {
      const network = details?.HostConfig?.NetworkMode;
      const result = await this.docker.run(
        [
          'run',
          '--rm',
          '--label',
          `${PAVED_LABELS.role}=migrate`,
          '--env-file',
          file,
          ...(container ? ['--volumes-from', container.id] : []),
          ...(network === 'host' ? ['--network', 'host'] : []),
          '--',
          pinnedRef(bad.image),
          ...argv,
        ],
        { allowFailure: true },
      );
      return this.outcome(
        result,
        container ? `a one-off container beside ${container.name}` : `a one-off container of ${pinnedRef(bad.image)}`,
        env,
      );
    });
  }

  private outcome(
    result: { code: number; stdout: string; stderr: string },
    how: string,
    env: Record<string, string>,
  ): MigrateRollbackRun {
    // Values of the release's environment may be secrets: none reaches a log or summary.
    const values = Object.entries(env)
      .filter(([name, value]) => !PUBLIC.test(name) && value.length >= 4)
      .map(([, value]) => value);
    const output = redactSecrets(`${result.stdout}${result.stderr}`.trimEnd(), values);
    return { code: result.code, output, how };
  }
}

function envOf(details: ContainerInspect | undefined): Record<string, string> {
  const lines = details?.Config.Env ?? [];
  const env: Record<string, string> = {};
  for (const line of lines) {
    const index = line.indexOf('=');
    if (index > 0 && !/[\r\n\0]/.test(line)) env[line.slice(0, index)] = line.slice(index + 1);
  }
  return env;
}
