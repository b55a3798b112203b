import { UserError } from '../action/errors.js';

export interface FetchOptions {
  /** Sent as `Authorization: token …` (GitHub-hosted distributions only). */
  token?: string;
  timeoutMs?: number;
}

/** GET a distribution's index; every failure says which URL and what to do about it. */
export async function fetchDistributionText(url: string, options: FetchOptions = {}): Promise<string> {
  let response: Response;
  try {
    response = await fetch(url, {
      headers: options.token ? { authorization: `token ${options.token}` } : {},
      signal: AbortSignal.timeout(options.timeoutMs ?? 60_000),
    });
  } catch (error) {
    throw new UserError(
      `Could not read ${url}: ${networkCause(error)}. Check that the runner can reach ${new URL(url).host}, ` +
        'or set the mirror input to a reachable copy of the distribution.',
      { cause: error },
    );
  }
  if (!response.ok) {
    await response.body?.cancel();
    throw new UserError(
      `Could not read ${url}: HTTP ${response.status} ${response.statusText}. ` +
        'If it is a mirror, check that it serves the official layout (see the paved/setup README).',
    );
  }
  return response.text();
}

export async function fetchDistributionJson<T>(url: string, options: FetchOptions = {}): Promise<T> {
  const text = await fetchDistributionText(url, options);
  try {
    return JSON.parse(text) as T;
  } catch {
    throw new UserError(`${url} did not return JSON (it starts with '${text.slice(0, 40)}'): check the mirror input.`);
  }
}

/** The useful part of a fetch failure: undici hides the socket error in `cause`. */
export function networkCause(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } })?.cause;
  if (cause?.code) return cause.code;
  if ((error as Error)?.name === 'TimeoutError') return 'timed out';
  return cause?.message ?? (error as Error)?.message ?? String(error);
}

/** GitHub-hosted URLs get the token (anonymous rate limits are low); other hosts never see it. */
export function tokenFor(url: string, token?: string): string | undefined {
  if (!token) return undefined;
  const host = new URL(url).hostname;
  return host === 'github.com' || host.endsWith('.github.com') || host.endsWith('.githubusercontent.com')
    ? token
    : undefined;
}
