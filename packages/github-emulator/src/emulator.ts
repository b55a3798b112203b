import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ApiDependencies } from './http/dispatch.js';
import { FaultRegistry, type ActiveFault, type FaultSpec } from './http/faults.js';
import { RequestLog, type LoggedRequest } from './http/request-log.js';
import { createListener } from './http/server.js';
import { Router } from './openapi/router.js';
import { SchemaCompiler } from './openapi/schemas.js';
import { loadGitHubDescription } from './openapi/spec.js';
import type { HandlerTable } from './resources/handler.js';
import { allHandlers } from './resources/index.js';
import type { EmulatorState } from './state/model.js';
import { loadState, saveState } from './state/persistence.js';
import { applySeed, type SeedData } from './state/seed.js';
import { Store } from './state/store.js';

export interface GitHubEmulatorOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  /** Loopback only by default. */
  host?: string;
  /** Loaded at start when it exists; written after every change and at stop. */
  stateFile?: string;
  /** Answer 500 when a response breaks GitHub's schema (default true). */
  strict?: boolean;
  /** token → login; when set, other tokens get 401 Bad credentials. */
  tokens?: Record<string, string>;
  /** Login for any token when `tokens` is not set (default github-actions[bot]). */
  login?: string;
  /** Create unknown repositories and full-length commit shas on first use (default false). */
  autoCreate?: boolean;
  seed?: SeedData;
  /** Replaces handlers by operationId; for tests of the emulator itself. */
  handlerOverrides?: HandlerTable;
}

/** A read-only copy of what the emulator holds, grouped for assertions. */
export interface EmulatorSnapshot {
  state: EmulatorState;
  deployments: (EmulatorState['repositories'][number]['deployments'][number] & { repository: string })[];
  deploymentStatuses: (EmulatorState['repositories'][number]['deploymentStatuses'][number] & { repository: string })[];
  issues: (EmulatorState['repositories'][number]['issues'][number] & { repository: string })[];
  comments: (EmulatorState['repositories'][number]['comments'][number] & { repository: string })[];
}

export interface FaultControls {
  add(spec: FaultSpec): ActiveFault;
  list(): ActiveFault[];
  remove(id: number): void;
  clear(): void;
}

export interface GitHubEmulator {
  /** Base URL for Octokit's baseUrl / GITHUB_API_URL, e.g. http://127.0.0.1:41234 */
  readonly url: string;
  readonly port: number;
  /** Milliseconds from the call to listening, including loading GitHub's description. */
  readonly startupMs: number;
  seed(data: SeedData): void;
  readonly faults: FaultControls;
  /** Requests received so far (method, path, status), oldest first. */
  readonly requests: readonly LoggedRequest[];
  clearRequests(): void;
  /** Responses that broke GitHub's schema (also answered with 500 in strict mode). */
  readonly schemaViolations: readonly string[];
  readonly state: EmulatorSnapshot;
  save(): void;
  stop(): Promise<void>;
}

export async function startGitHubEmulator(options: GitHubEmulatorOptions = {}): Promise<GitHubEmulator> {
  const started = performance.now();
  const document = await loadGitHubDescription();
  const handlers = { ...allHandlers, ...options.handlerOverrides };
  const router = new Router(document, new Set(Object.keys(handlers)));
  const compiler = new SchemaCompiler(document);
  const store = new Store(options.stateFile ? loadState(options.stateFile) : undefined);
  if (options.seed) applySeed(store, options.seed);
  const faults = new FaultRegistry();
  const log = new RequestLog();
  const violations: string[] = [];
  const save = () => {
    if (options.stateFile) saveState(options.stateFile, store.state);
  };
  // The API needs the base URL, known only once the server listens.
  const wiring: { api?: ApiDependencies } = {};
  const admin = {
    faults,
    log,
    seed: (data: SeedData) => {
      applySeed(store, data);
      save();
    },
    snapshot: () => snapshot(store.state),
    save,
  };
  const server: Server = createServer(
    createListener({
      api: () => wiring.api!,
      admin,
      auth: { tokens: options.tokens, defaultLogin: options.login ?? 'github-actions[bot]' },
      onMutation: save,
    }),
  );
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const { port, address } = server.address() as AddressInfo;
  const url = `http://${address.includes(':') ? `[${address}]` : address}:${port}`;
  wiring.api = {
    document,
    compiler,
    router,
    handlers,
    store,
    baseUrl: url,
    autoCreate: options.autoCreate ?? false,
    strict: options.strict ?? true,
    onViolation: (message) => violations.push(message),
  };
  const startupMs = performance.now() - started;

  return {
    url,
    port,
    startupMs,
    seed: admin.seed,
    faults: {
      add: (spec) => faults.add(spec),
      list: () => faults.list(),
      remove: (id) => faults.remove(id),
      clear: () => faults.clear(),
    },
    get requests() {
      return log.all();
    },
    clearRequests: () => log.clear(),
    get schemaViolations() {
      return [...violations];
    },
    get state() {
      return snapshot(store.state);
    },
    save,
    stop: async () => {
      save();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function snapshot(state: EmulatorState): EmulatorSnapshot {
  const copy = structuredClone(state);
  const tag = <T>(pick: (repo: EmulatorState['repositories'][number]) => T[]) =>
    copy.repositories.flatMap((repo) =>
      pick(repo).map((item) => ({ ...item, repository: `${repo.owner}/${repo.name}` })),
    );
  return {
    state: copy,
    deployments: tag((repo) => repo.deployments),
    deploymentStatuses: tag((repo) => repo.deploymentStatuses),
    issues: tag((repo) => repo.issues),
    comments: tag((repo) => repo.comments),
  };
}
