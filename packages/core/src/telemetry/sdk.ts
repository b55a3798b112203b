// Loaded only when a run is traced (see trace.ts): the SDK and the exporter stay out of the
// cold start of every untraced run.
import { context, SpanKind, SpanStatusCode, trace, type Span } from '@opentelemetry/api';
import { ExportResultCode, type ExportResult } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BasicTracerProvider, type ReadableSpan, type SpanProcessor } from '@opentelemetry/sdk-trace-base';
import { ATTR_ERROR_TYPE, ATTR_SERVICE_NAME } from '@opentelemetry/semantic-conventions';
import { ATTR, type TraceAttributes } from './attributes.js';
import type { TraceExport } from './config.js';

/** How long the backend gets to take the trace before the action goes on without it. */
const EXPORT_TIMEOUT_MS = 10_000;

export interface RootSpan {
  name: string;
  startedAt: number;
  attributes: TraceAttributes;
  /** Resource attributes: the workflow run and the commit. */
  resource: TraceAttributes;
}

export interface RecordingTrace {
  phase<T>(name: string, work: () => Promise<T>): Promise<T>;
  end(outcome: { attributes: TraceAttributes; error?: { type: string; message?: string } }): void;
  /** Sends every span; resolves to a warning when the backend did not take them. */
  flush(): Promise<string | undefined>;
}

/**
 * Keeps ended spans until the run ends, then sends them in one request: a run has tens of
 * spans, and one export at the end is one place to bound the time and report a failure.
 */
class RunSpans implements SpanProcessor {
  readonly ended: ReadableSpan[] = [];
  onStart(): void {}
  onEnd(span: ReadableSpan): void {
    this.ended.push(span);
  }
  forceFlush(): Promise<void> {
    return Promise.resolve();
  }
  shutdown(): Promise<void> {
    return Promise.resolve();
  }
}

export function startRecording(target: TraceExport, root: RootSpan): RecordingTrace {
  const spans = new RunSpans();
  const provider = new BasicTracerProvider({
    resource: resourceFromAttributes({ [ATTR_SERVICE_NAME]: target.serviceName, ...root.resource }),
    spanProcessors: [spans],
  });
  const tracer = provider.getTracer('paved');
  // CI/CD conventions: the run is a SERVER span named after what it does.
  const rootSpan = tracer.startSpan(root.name, {
    kind: SpanKind.SERVER,
    startTime: root.startedAt,
    attributes: root.attributes,
  });
  const parent = trace.setSpan(context.active(), rootSpan);

  return {
    async phase<T>(name: string, work: () => Promise<T>): Promise<T> {
      const span = tracer.startSpan(name, { attributes: { [ATTR.phase]: name } }, parent);
      try {
        const value = await work();
        span.setStatus({ code: SpanStatusCode.OK });
        return value;
      } catch (error) {
        markFailed(span, error instanceof Error ? error.name : 'Error', firstLine(error));
        throw error;
      } finally {
        span.end();
      }
    },
    end({ attributes, error }) {
      rootSpan.setAttributes(attributes);
      if (error) markFailed(rootSpan, error.type, error.message);
      else rootSpan.setStatus({ code: SpanStatusCode.OK });
      rootSpan.end();
    },
    async flush() {
      const exporter = new OTLPTraceExporter({
        url: target.url,
        headers: target.headers,
        timeoutMillis: EXPORT_TIMEOUT_MS,
      });
      const result = await new Promise<ExportResult>((resolve) => exporter.export(spans.ended, resolve));
      // Closes the exporter's keep-alive sockets, so the action exits as soon as it is done.
      await exporter.shutdown().catch(() => {});
      if (result.code === ExportResultCode.SUCCESS) return undefined;
      return (
        `The trace of this run was not sent to ${target.shown}: ${result.error?.message ?? 'the export failed'}. ` +
        'The release is not affected; check that the OTLP endpoint (input otlp-endpoint or OTEL_EXPORTER_OTLP_ENDPOINT) is reachable and its headers are accepted.'
      );
    },
  };
}

function markFailed(span: Span, type: string, message: string | undefined): void {
  span.setAttribute(ATTR_ERROR_TYPE, type);
  span.setStatus({ code: SpanStatusCode.ERROR, message });
}

function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0]?.slice(0, 300) ?? '';
}
