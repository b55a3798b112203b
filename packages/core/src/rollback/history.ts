import type { DeploymentRecord } from '../github/index.js';

/**
 * An environment's deployments, newest first, read from the ledger only as far as a question
 * needs: every deployment costs a request for its statuses, and a long history need not be
 * read to find the release before the last one.
 */
export class LazyHistory {
  private readonly seen: DeploymentRecord[] = [];
  private done = false;

  /** `trusted` filters out records that must not be acted on (it may note why). */
  constructor(
    private readonly source: AsyncGenerator<DeploymentRecord>,
    private readonly trusted: (deployment: DeploymentRecord) => boolean = () => true,
  ) {}

  /** The newest trusted deployment matching `test`, reading further pages only when needed. */
  async find(test: (deployment: DeploymentRecord) => boolean): Promise<DeploymentRecord | undefined> {
    for (const deployment of this.seen) if (test(deployment)) return deployment;
    while (!this.done) {
      const next = await this.source.next();
      if (next.done) {
        this.done = true;
        break;
      }
      if (!this.trusted(next.value)) continue;
      this.seen.push(next.value);
      if (test(next.value)) return next.value;
    }
    return undefined;
  }
}
