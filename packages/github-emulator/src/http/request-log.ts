export interface LoggedRequest {
  method: string;
  /** Path with query string, as received. */
  path: string;
  /** The answer's status; 0 when the connection was dropped on purpose. */
  status: number;
  operationId?: string;
  durationMs: number;
  /** Name of the injected fault that shaped the answer, if any. */
  fault?: string;
}

/** Bounded so a long local run cannot grow it without limit. */
export class RequestLog {
  private readonly entries: LoggedRequest[] = [];

  constructor(private readonly limit = 10_000) {}

  add(entry: LoggedRequest): void {
    this.entries.push(entry);
    if (this.entries.length > this.limit) this.entries.splice(0, this.entries.length - this.limit);
  }

  all(): readonly LoggedRequest[] {
    return [...this.entries];
  }

  clear(): void {
    this.entries.length = 0;
  }
}
