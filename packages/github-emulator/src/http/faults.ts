/** What an injected fault does to a matching request. */
export type FaultEffect =
  /** Answer with this status (e.g. 500, 502, 503) and GitHub's error body. */
  | { kind: 'status'; status: number; message?: string }
  /** 403 "You have exceeded a secondary rate limit…" with a retry-after header (seconds). */
  | { kind: 'secondary-rate-limit'; retryAfter?: number }
  /** 429 Too Many Requests with a retry-after header (seconds). */
  | { kind: 'too-many-requests'; retryAfter?: number }
  /** Wait this long, then answer normally. */
  | { kind: 'delay'; ms: number }
  /** Destroy the socket without answering. */
  | { kind: 'drop' };

export type FaultSpec = FaultEffect & {
  /** HTTP method to match; any when omitted. */
  method?: string;
  /** Path pattern: `*` matches within one segment, `**` across segments; the query string is ignored. */
  path: string;
  /** How many matching requests it affects (default 1); ignored when `persistent`. */
  times?: number;
  /** Let this many matching requests through first: a fault in the middle of a pagination. */
  skip?: number;
  persistent?: boolean;
};

export interface ActiveFault {
  id: number;
  spec: FaultSpec;
  remaining: number;
  hits: number;
  /** Matching requests still let through before the fault applies. */
  skipping: number;
}

export class FaultRegistry {
  private readonly active: { fault: ActiveFault; pattern: RegExp }[] = [];
  private nextId = 1;

  add(spec: FaultSpec): ActiveFault {
    if (typeof spec.path !== 'string' || spec.path === '') throw new Error('A fault needs a path pattern');
    const fault: ActiveFault = {
      id: this.nextId++,
      spec,
      remaining: spec.times ?? 1,
      hits: 0,
      skipping: spec.skip ?? 0,
    };
    this.active.push({ fault, pattern: globToRegExp(spec.path) });
    return fault;
  }

  /** The fault to apply to this request, if any; each use counts against `times`. */
  take(method: string, path: string): FaultSpec | undefined {
    for (const entry of this.active) {
      const { fault, pattern } = entry;
      if (fault.spec.method && fault.spec.method.toUpperCase() !== method) continue;
      if (!pattern.test(path)) continue;
      if (!fault.spec.persistent && fault.remaining <= 0) continue;
      if (fault.skipping > 0) {
        fault.skipping -= 1;
        continue;
      }
      fault.remaining -= 1;
      fault.hits += 1;
      return fault.spec;
    }
    return undefined;
  }

  list(): ActiveFault[] {
    return this.active.map((entry) => ({ ...entry.fault }));
  }

  remove(id: number): void {
    const index = this.active.findIndex((entry) => entry.fault.id === id);
    if (index >= 0) this.active.splice(index, 1);
  }

  clear(): void {
    this.active.length = 0;
  }
}

function globToRegExp(glob: string): RegExp {
  const source = glob
    .split(/(\*\*|\*)/)
    .map((part) => (part === '**' ? '.*' : part === '*' ? '[^/]*' : part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')))
    .join('');
  return new RegExp(`^${source}$`);
}

export const SECONDARY_RATE_LIMIT_MESSAGE =
  'You have exceeded a secondary rate limit. Please wait a few minutes before you try again. ' +
  'If you reach out to GitHub Support for help, please include the request ID';
