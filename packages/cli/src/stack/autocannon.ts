// autocannon is CommonJS without type declarations: one typed entry point for every load the
// command starts (`paved stack load`, the demo's probes), each bound to a loopback URL.
import { createRequire } from 'node:module';

export interface LoadInstance {
  stop(): void;
  on(event: 'response', listener: (client: unknown, statusCode: number) => void): void;
  on(event: 'reqError' | 'timeout', listener: (...args: unknown[]) => void): void;
  on(event: 'done', listener: () => void): void;
}

export interface LoadSettings {
  url: string;
  connections: number;
  /** Requests per second, over every connection. */
  overallRate: number;
  /** Seconds. */
  duration: number;
  /** Seconds a request may take. */
  timeout: number;
}

type Autocannon = (options: LoadSettings) => LoadInstance;

const LOOPBACK = /^http:\/\/127\.0\.0\.1:\d+(\/|$)/;

/** Starts load on a URL of this machine's loopback; anything else is refused. */
export function startLoad(settings: LoadSettings): LoadInstance {
  if (!LOOPBACK.test(settings.url)) throw new Error(`Load only goes to 127.0.0.1, not ${settings.url}`);
  const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;
  return autocannon(settings);
}
