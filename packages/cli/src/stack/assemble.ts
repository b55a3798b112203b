// The local stack as Paved's templates use it: one engine, registry, Prometheus and Pushgateway,
// and a Caddy proxy per environment whose traffic Prometheus scrapes with an `environment`
// label, so one SLO file with environment="${environment}" serves every environment. Shared by
// `npm run demo` and `paved stack up`.
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { startCaddy, startStack, type Caddy, type Stack } from '@paved/stack';

export interface EnvironmentSpec {
  name: string;
  /** `@id` of the environment's reverse_proxy handler; default `paved-<name>`. */
  handlerId?: string;
}

export interface LocalStackOptions {
  environments: readonly EnvironmentSpec[];
  /** Scrape job names are `<jobPrefix>-<environment>`. */
  jobPrefix: string;
  /** Parent folder of every service's state; default a temporary folder removed by stop(). */
  dir?: string;
  scrapeIntervalSeconds?: number;
  /** Make paved/node-base:<version> available on the engine. */
  nodeBaseImage?: boolean;
}

export type StackServices = 'docker' | 'registry' | 'prometheus' | 'pushgateway';

export interface LocalStack {
  stack: Stack<StackServices>;
  /** Each environment's proxy, in the order given. */
  proxies: Array<{ environment: string; caddy: Caddy }>;
  stop(): Promise<void>;
}

const address = (url: string) => url.replace(/^http:\/\//, '').replace(/\/.*$/, '');

export async function startLocalStack(options: LocalStackOptions): Promise<LocalStack> {
  const stack = await startStack<StackServices>({
    services: ['docker', 'registry', 'prometheus', 'pushgateway'],
    dir: options.dir,
    scrapeIntervalSeconds: options.scrapeIntervalSeconds ?? 1,
    nodeBaseImage: options.nodeBaseImage,
  });
  const proxies: LocalStack['proxies'] = [];
  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopping ??= (async () => {
      await Promise.allSettled(proxies.map((proxy) => proxy.caddy.stop()));
      await stack.stop();
    })();
    return stopping;
  };
  try {
    for (const environment of options.environments) {
      // Each proxy keeps its own folder: two Caddys must not share one config file.
      const dir = path.join(stack.dir, 'proxies', environment.name);
      await mkdir(dir, { recursive: true });
      const caddy = await startCaddy({ dir, handlerId: environment.handlerId ?? `paved-${environment.name}` });
      proxies.push({ environment: environment.name, caddy });
    }
    await stack.prometheus.setScrapeJobs([
      ...proxies.map(({ environment, caddy }) => ({
        jobName: `${options.jobPrefix}-${environment}`,
        targets: [address(caddy.url)],
        labels: { environment },
      })),
      { jobName: 'pushgateway', targets: [stack.pushgateway.address], honorLabels: true },
    ]);
  } catch (error) {
    await stop();
    throw error;
  }
  return { stack, proxies, stop };
}
