// `paved stack load`: steady, bounded traffic through the local environments' proxies, so the
// quality gate has requests to judge (on real hosts, users are the traffic). Only the running
// stack's own proxies on loopback are ever loaded.
import { parseDuration } from '@paved/core/action';
import { startLoad, type LoadInstance } from './autocannon.js';
import { runningStack } from './state.js';

export interface LoadOptions {
  environments?: string[];
  paths: string[];
  /** Requests per second per environment and path. */
  rate: number;
  duration: string;
  out: { write(text: string): unknown };
  signal?: AbortSignal;
}

const MAX_SECONDS = 3_600;

export async function stackLoad(options: LoadOptions): Promise<number> {
  const stack = runningStack();
  if (!stack) {
    options.out.write('paved stack load: the local stack is not running; start it with paved stack up.\n');
    return 1;
  }
  const chosen = stack.environments.filter((e) => !options.environments || options.environments.includes(e.name));
  if (chosen.length === 0) {
    options.out.write(
      `paved stack load: no such environment; the stack has ${stack.environments.map((e) => e.name).join(', ')}.\n`,
    );
    return 1;
  }
  const ms = parseDuration(options.duration);
  if (ms === undefined || ms <= 0) {
    options.out.write(`paved stack load: --duration expects a duration like 90s or 10m, got '${options.duration}'.\n`);
    return 1;
  }
  const seconds = Math.min(MAX_SECONDS, Math.ceil(ms / 1000));
  const counts = new Map<string, { ok: number; failed: number }>();
  const instances: LoadInstance[] = [];
  const done: Promise<void>[] = [];
  for (const environment of chosen) {
    if (!/^http:\/\/127\.0\.0\.1:\d+$/.test(environment.url))
      throw new Error(`Not a loopback proxy: ${environment.url}`);
    for (const path of options.paths) {
      const key = `${environment.name} ${path}`;
      const count = { ok: 0, failed: 0 };
      counts.set(key, count);
      const instance = startLoad({
        url: `${environment.url}${path}`,
        connections: 2,
        overallRate: options.rate,
        duration: seconds,
        timeout: 5,
      });
      instance.on('response', (_client, status) => (status < 500 ? count.ok++ : count.failed++));
      instance.on('reqError', () => count.failed++);
      instances.push(instance);
      done.push(new Promise((resolve) => instance.on('done', resolve)));
    }
  }
  options.out.write(
    `Load: ${options.rate} req/s on ${options.paths.join(', ')} of ${chosen.map((e) => e.name).join(', ')} for up to ${seconds} s (Ctrl-C stops).\n`,
  );
  const report = () =>
    options.out.write(`${[...counts].map(([key, c]) => `${key}: ${c.ok} ok, ${c.failed} failed`).join(' · ')}\n`);
  const timer = setInterval(report, 15_000);
  const stop = () => instances.forEach((instance) => instance.stop());
  options.signal?.addEventListener('abort', stop, { once: true });
  // `paved stack down` ends the load too: nothing is left sending requests to closed ports.
  const watch = setInterval(() => {
    if (!runningStack()) {
      options.out.write('The local stack went down: load stopped.\n');
      stop();
    }
  }, 2_000);
  await Promise.all(done);
  clearInterval(timer);
  clearInterval(watch);
  report();
  return 0;
}
