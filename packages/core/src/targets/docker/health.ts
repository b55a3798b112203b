import { formatDuration } from '../../action/duration.js';
import type { DockerClient } from '../../docker/cli.js';
import { inspectRelease } from './containers.js';

/** How a new release is judged ready: an HTTP path on its port, or the image's own HEALTHCHECK. */
export type HealthCheck = { kind: 'http'; url: string; shown?: string } | { kind: 'healthcheck' };

export interface HealthOutcome {
  healthy: boolean;
  /** Why not, in words: "GET http://… answered 503", "exited with code 1". */
  reason?: string;
  /** The container stopped (crashed) rather than staying unhealthy. */
  exited?: boolean;
}

/**
 * Waits until the container passes its health check or `timeoutMs` runs out. The container's
 * state is read every second as well, so a release that crashes fails at once instead of
 * after the whole timeout.
 */
export async function waitHealthy(
  docker: DockerClient,
  containerId: string,
  check: HealthCheck,
  timeoutMs: number,
): Promise<HealthOutcome> {
  const started = Date.now();
  const deadline = started + timeoutMs;
  let reason = 'no answer yet';
  let lastInspect = 0;
  for (;;) {
    if (check.kind === 'http') {
      const probe = await probeHttp(check.url, check.shown ?? check.url);
      if (probe.ok) return { healthy: true };
      reason = probe.reason;
    }
    if (check.kind === 'healthcheck' || Date.now() - lastInspect >= 1_000) {
      lastInspect = Date.now();
      const container = await inspectRelease(docker, containerId);
      if (!container) return { healthy: false, reason: 'the container disappeared', exited: true };
      if (container.status === 'exited' || container.status === 'dead' || container.restartCount > 0) {
        return { healthy: false, reason: container.state, exited: true };
      }
      if (check.kind === 'healthcheck') {
        if (container.health === 'healthy') return { healthy: true };
        if (container.health === 'unhealthy') return { healthy: false, reason: 'its HEALTHCHECK reports unhealthy' };
        reason = `its HEALTHCHECK reports ${container.health ?? 'nothing'}`;
      }
    }
    if (Date.now() >= deadline) {
      return { healthy: false, reason: `not healthy after ${formatDuration(timeoutMs)}: ${reason}` };
    }
    await new Promise((resolve) => setTimeout(resolve, check.kind === 'http' ? 250 : 500));
  }
}

/** `shown` is the address as the host sees it, for messages: the URL may be a tunnel's local end. */
async function probeHttp(url: string, shown: string): Promise<{ ok: boolean; reason: string }> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(2_000), redirect: 'manual' });
    await response.arrayBuffer();
    if (response.status >= 200 && response.status < 300) return { ok: true, reason: '' };
    return { ok: false, reason: `GET ${shown} answered ${response.status}` };
  } catch (error) {
    const cause = (error as Error & { cause?: { code?: string } }).cause;
    return { ok: false, reason: `GET ${shown} failed (${cause?.code ?? (error as Error).message})` };
  }
}
