import { UserError } from '../action/errors.js';
import { DockerCommandError, lastLines, type DockerClient } from '../docker/cli.js';

export type PushFailureKind = 'retry' | 'fatal';

// Checked first: the registry said no for a reason that waiting will not change.
const FATAL =
  /\b(unauthorized|denied|forbidden|authentication required|manifest invalid|manifest_invalid|name unknown|name_unknown|blob unknown|does not exist locally|no such image|invalid reference format)\b|\b40[134]\b/i;
// Rate limits, server errors and broken connections: worth another try after a pause.
const TRANSIENT =
  /toomanyrequests|too many requests|\b429\b|\b50[0-4]\b|internal server error|bad gateway|service unavailable|gateway time-?out|connection reset|broken pipe|unexpected EOF|i\/o timeout|TLS handshake timeout|net\/http: request canceled|connection refused/i;

/** Whether a failed push is worth retrying: 429, 5xx and dropped connections are; 401/403/404 and invalid manifests are not. */
export function classifyPushFailure(output: string): PushFailureKind {
  const tail = lastLines(output, 6);
  if (FATAL.test(tail)) return 'fatal';
  return TRANSIENT.test(tail) ? 'retry' : 'fatal';
}

export interface RetryOptions {
  /** Retries after the first attempt (the `push-retries` input). */
  retries: number;
  /** First pause; doubled each time, capped at `maxDelayMs`. */
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** Up to this fraction is added at random, so many runners hitting one rate limit spread out. */
  jitter?: number;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  onRetry?: (event: { attempt: number; delayMs: number; reason: string }) => void;
}

export function backoffDelay(attempt: number, options: RetryOptions): number {
  const base = options.baseDelayMs ?? 1_000;
  const max = options.maxDelayMs ?? 30_000;
  const delay = Math.min(max, base * 2 ** (attempt - 1));
  return Math.round(delay * (1 + (options.jitter ?? 0.2) * (options.random ?? Math.random)()));
}

const sleeper = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Runs `attempt` until it succeeds, a failure is not transient, or the retries are spent.
 * Only DockerCommandErrors are classified; anything else is thrown at once.
 */
export async function withPushRetry<T>(
  what: string,
  attempt: () => Promise<T>,
  options: RetryOptions,
): Promise<{ value: T; attempts: number }> {
  for (let tries = 1; ; tries += 1) {
    try {
      return { value: await attempt(), attempts: tries };
    } catch (error) {
      if (!(error instanceof DockerCommandError)) throw error;
      const output = `${error.result.stdout}\n${error.result.stderr}`;
      const reason = lastLines(error.result.stderr || error.result.stdout, 1).trim();
      if (classifyPushFailure(output) === 'fatal') {
        throw new UserError(`${what} failed and is not worth retrying: ${reason}`, { cause: error });
      }
      if (tries > options.retries) {
        throw new UserError(
          `${what} failed ${tries} times, the registry kept answering: ${reason}. ` +
            'Raise push-retries, or re-run the job once the registry recovers.',
          { cause: error },
        );
      }
      const delayMs = backoffDelay(tries, options);
      options.onRetry?.({ attempt: tries, delayMs, reason });
      await (options.sleep ?? sleeper)(delayMs);
    }
  }
}

const PUSHED_DIGEST = /:\s*digest:\s*(sha256:[a-f0-9]{64})\s+size:\s*(\d+)/;

/** The manifest digest `docker push` prints (`<tag>: digest: sha256:… size: N`). */
export function digestFromPushOutput(output: string): string | undefined {
  return PUSHED_DIGEST.exec(output)?.[1];
}

export interface PushedTag {
  ref: string;
  digest: string;
  attempts: number;
}

/**
 * Pushes each tag with `docker push`, retrying transient failures with exponential backoff,
 * and checks that every tag got the same manifest digest.
 */
export async function pushTags(
  docker: DockerClient,
  refs: readonly string[],
  options: RetryOptions,
): Promise<{ digest: string; pushed: PushedTag[] }> {
  const pushed: PushedTag[] = [];
  for (const ref of refs) {
    const { value, attempts } = await withPushRetry(
      `Pushing ${ref}`,
      () => docker.run(['push', ref], { stream: true }),
      options,
    );
    const digest = digestFromPushOutput(value.stdout);
    if (!digest)
      throw new UserError(
        `docker push ${ref} succeeded but printed no digest; the docker CLI is too unusual to trust.`,
      );
    pushed.push({ ref, digest, attempts });
  }
  const digests = new Set(pushed.map((p) => p.digest));
  const [digest] = digests;
  if (!digest || digests.size !== 1) {
    throw new UserError(
      `The tags were pushed with different digests (${pushed.map((p) => `${p.ref} → ${p.digest}`).join(', ')}); ` +
        'something else pushed to the same image at the same time. Re-run the job.',
    );
  }
  return { digest, pushed };
}
