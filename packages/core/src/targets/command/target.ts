import { childEnvironment } from '../../action/child-env.js';
import { spawn } from 'node:child_process';
import path from 'node:path';
import { lastLines } from '../../docker/cli.js';
import { redactSecrets } from '../env-file.js';
import {
  ReleaseError,
  type DeployHooks,
  type DeployResult,
  type Release,
  type RunningRelease,
  type Target,
} from '../target.js';

export interface CommandTargetSettings {
  /** Program and arguments; a relative program path is taken from the workspace. */
  command: string[];
  workspace: string;
  env: Record<string, string>;
  secrets: Record<string, string>;
}

/**
 * The escape hatch: the user's own deploy program (ECS, Helm, Cloud Run…). It runs without a
 * shell, so no input is ever interpreted, with the release in its environment:
 * PAVED_IMAGE, PAVED_DIGEST, PAVED_VERSION, PAVED_ENVIRONMENT (and PAVED_SERVICE, PAVED_SHA,
 * PAVED_DEPLOYMENT_ID, PAVED_ROLLBACK). It may print lines that tell Paved what it did:
 * `url=https://…` (the environment URL) and `digest=sha256:…` (what the platform now runs,
 * which Paved then verifies). The last of each wins.
 */
export class CommandTarget implements Target {
  readonly kind = 'command' as const;
  readonly where: string;
  private reported?: RunningRelease;

  constructor(private readonly settings: CommandTargetSettings) {
    this.where = `command ${path.basename(settings.command[0] ?? '')}`;
  }

  async current(): Promise<RunningRelease | undefined> {
    return this.reported;
  }

  deploy(release: Release, hooks: DeployHooks): Promise<DeployResult> {
    return this.runCommand(release, hooks, false);
  }

  rollback(release: Release, hooks: DeployHooks): Promise<DeployResult> {
    return this.runCommand(release, hooks, true);
  }

  async dispose(): Promise<void> {}

  private async runCommand(release: Release, hooks: DeployHooks, rollback: boolean): Promise<DeployResult> {
    const output = await hooks.phase('start', () => this.spawn(release, hooks, rollback));
    const switchedAt = new Date();
    const url = lastMatch(output, /^url=(https?:\/\/\S+)$/);
    const digest = lastMatch(output, /^digest=(sha256:[a-f0-9]{64})$/);
    this.reported = {
      name: this.where,
      image: release.image,
      // Without a digest= line the script's word is all there is: it ran what it was given.
      digest: digest ?? undefined,
      deploymentId: release.deploymentId,
      version: release.version,
      sha: release.sha,
      running: true,
      state: digest ? 'reported by the command' : 'not reported by the command',
    };
    return { running: this.reported, switchedAt, url, downtime: false, removed: [] };
  }

  private spawn(release: Release, hooks: DeployHooks, rollback: boolean): Promise<string> {
    const [program, ...args] = this.settings.command as [string, ...string[]];
    const resolved = program.includes('/') ? path.resolve(this.settings.workspace, program) : program;
    const env = childEnvironment({
      ...this.settings.env,
      ...this.settings.secrets,
      PAVED_IMAGE: release.image,
      PAVED_DIGEST: release.digest,
      PAVED_VERSION: release.version,
      PAVED_ENVIRONMENT: release.environment,
      PAVED_SERVICE: release.service,
      PAVED_SHA: release.sha,
      PAVED_DEPLOYMENT_ID: String(release.deploymentId),
      PAVED_ROLLBACK: rollback ? 'true' : 'false',
    });
    const secrets = Object.values(this.settings.secrets);
    return new Promise((resolve, reject) => {
      let output = '';
      let pending = '';
      const child = spawn(resolved, args, {
        cwd: this.settings.workspace,
        env,
        shell: false,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      const take = (chunk: Buffer) => {
        const text = chunk.toString('utf8');
        output += text;
        pending += text;
        const lines = pending.split('\n');
        pending = lines.pop() ?? '';
        for (const line of lines) hooks.info(redactSecrets(line, secrets));
      };
      child.stdout.on('data', take);
      child.stderr.on('data', take);
      child.once('error', (error: NodeJS.ErrnoException) => {
        reject(
          new ReleaseError(
            `The deploy command '${program}' could not start (${error.code ?? error.message}): ` +
              'give a program on PATH or a path inside the workspace, executable (chmod +x)',
            'start',
          ),
        );
      });
      child.once('close', (code, signal) => {
        if (pending) hooks.info(redactSecrets(pending, secrets));
        if (code === 0) return resolve(output);
        const logs = redactSecrets(lastLines(output, 20), secrets);
        reject(
          new ReleaseError(
            `The deploy command '${program}' failed (${signal ? `signal ${signal}` : `exit ${code}`})` +
              (logs ? `; its last lines:\n${logs}` : ''),
            'start',
            { logs, switched: false },
          ),
        );
      });
    });
  }
}

function lastMatch(text: string, pattern: RegExp): string | undefined {
  let found: string | undefined;
  for (const line of text.split(/\r?\n/)) {
    const match = pattern.exec(line.trim());
    if (match) found = match[1];
  }
  return found;
}
