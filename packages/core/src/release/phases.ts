/** One timed step of a deploy or rollback, as the report and the summary's phase table show it. */
export interface TimedPhase<Name extends string> {
  name: Name;
  ms: number;
  ok: boolean;
}

/** Runs `work` as the phase `name`, appended to `phases` before it starts so a failure shows where it stopped. */
export async function timePhase<Name extends string, T>(
  phases: Array<TimedPhase<Name>>,
  name: Name,
  work: () => Promise<T>,
): Promise<T> {
  const start = performance.now();
  const timing: TimedPhase<Name> = { name, ms: 0, ok: false };
  phases.push(timing);
  try {
    const value = await work();
    timing.ok = true;
    return value;
  } finally {
    timing.ms = performance.now() - start;
  }
}
