import type { Pod } from './types.js';

/** Why one pod is not serving, in the words a kubelet or the scheduler used. */
export interface PodFailure {
  pod: string;
  container?: string;
  /** ErrImagePull, ImagePullBackOff, CrashLoopBackOff, Unschedulable, NotReady, … */
  reason: string;
  message: string;
}

const WAITING_FAILURES = new Set([
  'ErrImagePull',
  'ImagePullBackOff',
  'InvalidImageName',
  'CrashLoopBackOff',
  'CreateContainerConfigError',
  'CreateContainerError',
  'RunContainerError',
]);

/** The failures visible on pods that are not Ready; a pod still starting normally yields none. */
export function podFailures(pods: readonly Pod[]): PodFailure[] {
  const failures: PodFailure[] = [];
  for (const pod of pods) {
    const name = pod.metadata.name;
    const status = pod.status ?? {};
    const ready = status.conditions?.find((c) => c.type === 'Ready')?.status === 'True';
    if (ready) continue;
    const scheduled = status.conditions?.find((c) => c.type === 'PodScheduled');
    if (scheduled?.status === 'False' && scheduled.reason === 'Unschedulable') {
      failures.push({ pod: name, reason: 'Unschedulable', message: scheduled.message ?? '' });
      continue;
    }
    let found = false;
    for (const container of status.containerStatuses ?? []) {
      const waiting = container.state?.waiting;
      if (waiting?.reason && WAITING_FAILURES.has(waiting.reason)) {
        const last = container.lastState?.terminated;
        const exit = last ? ` (last exit code ${last.exitCode}${last.reason ? `, ${last.reason}` : ''})` : '';
        failures.push({
          pod: name,
          container: container.name,
          reason: waiting.reason,
          message: `${waiting.message ?? ''}${exit}`.trim(),
        });
        found = true;
      } else if (container.state?.terminated && container.state.terminated.exitCode !== 0) {
        const t = container.state.terminated;
        failures.push({
          pod: name,
          container: container.name,
          reason: t.reason ?? 'Error',
          message: `exit code ${t.exitCode}${t.message ? `: ${t.message}` : ''}`,
        });
        found = true;
      } else if (container.state?.running && !container.ready) {
        failures.push({
          pod: name,
          container: container.name,
          reason: 'NotReady',
          message: 'running but not ready (readiness probe failing)',
        });
        found = true;
      }
    }
    if (!found && status.phase === 'Failed') {
      failures.push({ pod: name, reason: status.reason ?? 'Failed', message: status.message ?? '' });
    }
  }
  return failures;
}

/** One line for a record or summary, e.g. "web-7d9-abc/app: CrashLoopBackOff (back-off…)". */
export function describePodFailures(failures: readonly PodFailure[], limit = 5): string {
  const lines = failures
    .slice(0, limit)
    .map((f) => `${f.pod}${f.container ? `/${f.container}` : ''}: ${f.reason}${f.message ? ` (${f.message})` : ''}`);
  if (failures.length > limit) lines.push(`and ${failures.length - limit} more`);
  return lines.join('; ');
}
