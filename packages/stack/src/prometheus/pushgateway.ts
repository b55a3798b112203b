import { join } from 'node:path';
import { awaitReady, startDaemon } from '../process/daemon.js';
import { freePort } from '../process/free-port.js';
import { httpStatus } from '../process/http-probe.js';
import { cleanOnFailure, removeStateDir, serviceDir } from '../process/state-dir.js';

export interface PushgatewayOptions {
  dir?: string;
  port?: number;
  timeoutMs?: number;
}

export interface Pushgateway {
  readonly url: string;
  /** host:port, the scrape target for Prometheus (scrape it with honorLabels: true). */
  readonly address: string;
  readonly port: number;
  readonly pid: number;
  readonly logFile: string;
  /** State folder, removed by stop(). */
  readonly dir: string;
  /** Replaces the metrics of a job group with Prometheus text exposition. */
  push(job: string, text: string): Promise<void>;
  stop(): Promise<void>;
}

export async function startPushgateway(options: PushgatewayOptions = {}): Promise<Pushgateway> {
  const dir = await serviceDir(options.dir, 'pushgateway');
  return cleanOnFailure(dir, () => launchPushgateway(options, dir));
}

async function launchPushgateway(options: PushgatewayOptions, dir: string): Promise<Pushgateway> {
  const port = options.port ?? (await freePort());
  const address = `127.0.0.1:${port}`;
  const url = `http://${address}`;
  const logFile = join(dir, 'pushgateway.log');
  const daemon = startDaemon({
    name: 'prometheus-pushgateway',
    command: 'prometheus-pushgateway',
    // Debian's build persists to /var/lib/prometheus/pushgateway.data by default, shared by every
    // Pushgateway on the machine: each would start with what the others pushed. None here.
    args: [`--web.listen-address=${address}`, '--persistence.file='],
    logFile,
  });
  await awaitReady(daemon, async () => (await httpStatus(`${url}/-/ready`)) === 200, options.timeoutMs ?? 20_000);
  return {
    url,
    address,
    port,
    pid: daemon.pid,
    logFile,
    dir,
    push: async (job, text) => {
      const body = text.endsWith('\n') ? text : `${text}\n`;
      const response = await fetch(`${url}/metrics/job/${encodeURIComponent(job)}`, {
        method: 'PUT',
        body,
        headers: { 'content-type': 'text/plain; version=0.0.4' },
        signal: AbortSignal.timeout(5_000),
      });
      if (!response.ok)
        throw new Error(`Pushgateway rejected the push (HTTP ${response.status}): ${await response.text()}`);
    },
    stop: async () => {
      await daemon.stop();
      await removeStateDir(dir);
    },
  };
}
