/** Anything a test starts and must stop: a stack, an emulator, a cluster, a server. */
export interface Stoppable {
  stop(): Promise<unknown>;
}

/**
 * Starts several services at once, like Promise.all, but when one fails to start the ones that
 * did are stopped before the error is thrown. With Promise.all their handles would stay open
 * with nobody to stop them, and jest would never exit after a failed setup.
 */
export async function startTogether<T extends readonly Stoppable[]>(
  ...starting: { [K in keyof T]: Promise<T[K]> }
): Promise<T> {
  const settled = await Promise.allSettled(starting);
  const failed = settled.find((result): result is PromiseRejectedResult => result.status === 'rejected');
  if (!failed) return settled.map((result) => (result as PromiseFulfilledResult<Stoppable>).value) as unknown as T;
  await Promise.allSettled(settled.flatMap((result) => (result.status === 'fulfilled' ? [result.value.stop()] : [])));
  throw failed.reason;
}
