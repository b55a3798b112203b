import * as core from '@actions/core';
import { errorKind } from '../action/index.js';
import { pipelineAttributes, releaseAttributes, type ReleaseFacts } from './attributes.js';
import { resolveTraceExport } from './config.js';
import type { RecordingTrace } from './sdk.js';

/** The Paved actions that emit a trace, as `cicd.pipeline.task.name` says. */
export type TracedAction = 'deploy' | 'rollback' | 'deploy-quality-gate';

/** One action run's trace. Without an OTLP endpoint every method does nothing but run the work. */
export interface ActionTrace {
  /**
   * Starts exporting when an endpoint is configured (the input, else the OpenTelemetry
   * variables); the OpenTelemetry SDK is loaded only then, so an untraced run never pays for it.
   */
  configure(endpoint: URL | undefined): Promise<void>;
  /** Runs `work` as one phase: a span under the run's root span. */
  phase<T>(name: string, work: () => Promise<T>): Promise<T>;
  /** Adds what is known about the release to the root span. */
  annotate(facts: ReleaseFacts): void;
}

/** For callers (tests, the CLI) that run an action's main without a trace. */
export const untraced: ActionTrace = {
  configure: async () => {},
  phase: (_name, work) => work(),
  annotate: () => {},
};

const TASK_TYPE: Record<TracedAction, string> = {
  deploy: 'deploy',
  rollback: 'deploy',
  'deploy-quality-gate': 'test',
};

class RunTrace implements ActionTrace {
  private recording?: RecordingTrace;
  private configured?: Promise<void>;
  private readonly facts: ReleaseFacts = {};

  constructor(
    private readonly action: TracedAction,
    private readonly startedAt: number,
    private readonly env: NodeJS.ProcessEnv,
  ) {}

  configure(endpoint: URL | undefined): Promise<void> {
    this.configured ??= this.start(endpoint);
    return this.configured;
  }

  private async start(endpoint: URL | undefined): Promise<void> {
    let target;
    try {
      target = resolveTraceExport(endpoint, this.env);
    } catch (error) {
      // Tracing is an observer: a malformed OpenTelemetry variable turns it off, never the release.
      core.warning(`No trace is sent for this run: ${(error as Error).message}`);
      return;
    }
    if (!target) return;
    const { startRecording } = await import('./sdk.js');
    this.recording = startRecording(target, {
      name: this.action,
      startedAt: this.startedAt,
      attributes: {
        'cicd.pipeline.task.name': this.action,
        'cicd.pipeline.task.type': TASK_TYPE[this.action],
      },
      resource: pipelineAttributes(this.env),
    });
  }

  phase = <T>(name: string, work: () => Promise<T>): Promise<T> =>
    this.recording ? this.recording.phase(name, work) : work();

  annotate(facts: ReleaseFacts): void {
    Object.assign(this.facts, Object.fromEntries(Object.entries(facts).filter(([, v]) => v !== undefined)));
  }

  /** Ends the root span and sends the trace; a backend that does not take it only warns. */
  async finish(error: unknown): Promise<void> {
    // A run that failed before it read its inputs is still traced when the environment names an endpoint.
    await this.configure(undefined).catch(() => {});
    const recording = this.recording;
    if (!recording) return;
    const failed = error !== undefined || process.exitCode === 1 || this.facts.succeeded === false;
    const message = error instanceof Error ? error.message.split('\n')[0] : undefined;
    recording.end({
      attributes: {
        ...releaseAttributes(this.facts),
        'cicd.pipeline.result': failed ? 'failure' : 'success',
      },
      error: failed ? { type: error === undefined ? 'failure' : errorKind(error), message } : undefined,
    });
    const problem = await recording.flush();
    if (problem) core.warning(problem);
  }
}

/**
 * Wraps an action's main so its run is one trace: the root span covers the whole run, ends with
 * its outcome, and is sent before the action exits, on every path. A failure to send is a
 * warning; the action's own outcome never changes because of tracing.
 */
export function traced(
  action: TracedAction,
  main: (trace: ActionTrace) => Promise<void>,
  env: NodeJS.ProcessEnv = process.env,
): () => Promise<void> {
  return async () => {
    const trace = new RunTrace(action, Date.now(), env);
    let failure: unknown;
    try {
      await main(trace);
    } catch (error) {
      failure = error ?? new Error('(nothing thrown)');
      throw error;
    } finally {
      await trace.finish(failure).catch((error: unknown) => {
        core.warning(`Could not send the trace of this run: ${(error as Error).message}`);
      });
    }
  };
}
