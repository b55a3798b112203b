import { freeLoopbackPort } from '@paved/core/remote';

/**
 * A free loopback port, as core finds one for its tunnels. It is released before it is returned,
 * so a race with another process is possible; services that fail to bind report it in their log.
 */
export const freePort = freeLoopbackPort;

/** Several distinct free ports at once (holding each until all are chosen). */
export async function freePorts(count: number): Promise<number[]> {
  const ports = new Set<number>();
  for (let attempt = 0; ports.size < count && attempt < count * 10; attempt++) ports.add(await freePort());
  if (ports.size < count) throw new Error(`Could not find ${count} free loopback ports`);
  return [...ports];
}
