import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { awaitReady, startDaemon } from '../process/daemon.js';
import { freePorts } from '../process/free-port.js';
import { httpStatus } from '../process/http-probe.js';
import { cleanOnFailure, removeStateDir, serviceDir } from '../process/state-dir.js';
import { jaegerBinary } from './binary.js';

export interface JaegerOptions {
  dir?: string;
  timeoutMs?: number;
}

/** One span as Jaeger's query API (`/api/traces`) returns it. */
export interface JaegerSpan {
  traceID: string;
  spanID: string;
  operationName: string;
  references: Array<{ refType: string; traceID: string; spanID: string }>;
  startTime: number;
  duration: number;
  tags: Array<{ key: string; type: string; value: unknown }>;
  processID: string;
}

export interface JaegerTrace {
  traceID: string;
  spans: JaegerSpan[];
  processes: Record<string, { serviceName: string; tags: Array<{ key: string; type: string; value: unknown }> }>;
}

export interface Jaeger {
  /** OTLP/HTTP base endpoint (an exporter appends /v1/traces), on loopback. */
  readonly otlpEndpoint: string;
  /** Jaeger's query API and UI, on loopback. */
  readonly queryUrl: string;
  readonly pid: number;
  readonly logFile: string;
  /** State folder, removed by stop(). */
  readonly dir: string;
  /** The traces of a service, newest first, through the query API. */
  traces(service: string): Promise<JaegerTrace[]>;
  stop(): Promise<void>;
}

/**
 * Jaeger v2 (an OpenTelemetry Collector distribution) with in-memory storage: OTLP/HTTP in, the
 * query API out, every listener on loopback and on ports chosen here, so runs never collide.
 */
export async function startJaeger(options: JaegerOptions = {}): Promise<Jaeger> {
  const command = jaegerBinary();
  const dir = await serviceDir(options.dir, 'jaeger');
  return cleanOnFailure(dir, () => launchJaeger(command, options, dir));
}

async function launchJaeger(command: string, options: JaegerOptions, dir: string): Promise<Jaeger> {
  const [otlpPort, queryPort, queryGrpcPort] = (await freePorts(3)) as [number, number, number];
  const configFile = join(dir, 'jaeger.yaml');
  await writeFile(configFile, jaegerConfig({ otlpPort, queryPort, queryGrpcPort }));
  const logFile = join(dir, 'jaeger.log');
  const daemon = startDaemon({
    name: 'jaeger',
    command,
    args: ['--config', configFile],
    logFile,
    env: { PATH: process.env.PATH, HOME: dir },
  });
  const queryUrl = `http://127.0.0.1:${queryPort}`;
  const otlpEndpoint = `http://127.0.0.1:${otlpPort}`;
  // Receivers start after the extensions: ready once both answer (OTLP refuses a GET with 405).
  await awaitReady(
    daemon,
    async () =>
      (await httpStatus(`${queryUrl}/api/services`)) === 200 &&
      (await httpStatus(`${otlpEndpoint}/v1/traces`)) !== undefined,
    options.timeoutMs ?? 60_000,
  );
  return {
    otlpEndpoint,
    queryUrl,
    pid: daemon.pid,
    logFile,
    dir,
    traces: async (service) => {
      const response = await fetch(`${queryUrl}/api/traces?service=${encodeURIComponent(service)}&limit=100`, {
        signal: AbortSignal.timeout(10_000),
      });
      // Jaeger answers 404 for a service it has not seen yet.
      if (response.status === 404) return [];
      if (!response.ok)
        throw new Error(`Jaeger's query API answered HTTP ${response.status}: ${await response.text()}`);
      const body = (await response.json()) as { data?: JaegerTrace[] };
      return body.data ?? [];
    },
    stop: async () => {
      await daemon.stop();
      await removeStateDir(dir);
    },
  };
}

function jaegerConfig(ports: { otlpPort: number; queryPort: number; queryGrpcPort: number }): string {
  // Only what the tests need: OTLP over HTTP in, memory storage, the query API; no metrics server.
  return `service:
  extensions: [jaeger_storage, jaeger_query]
  pipelines:
    traces:
      receivers: [otlp]
      processors: [batch]
      exporters: [jaeger_storage_exporter]
  telemetry:
    metrics:
      level: none
    logs:
      level: info
extensions:
  jaeger_query:
    storage:
      traces: memstore
    http:
      endpoint: 127.0.0.1:${ports.queryPort}
    grpc:
      endpoint: 127.0.0.1:${ports.queryGrpcPort}
  jaeger_storage:
    backends:
      memstore:
        memory:
          max_traces: 10000
receivers:
  otlp:
    protocols:
      http:
        endpoint: 127.0.0.1:${ports.otlpPort}
processors:
  batch:
    timeout: 100ms
exporters:
  jaeger_storage_exporter:
    trace_storage: memstore
`;
}
