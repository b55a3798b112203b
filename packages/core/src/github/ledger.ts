import { PlatformError } from '../action/errors.js';
import type { GitHubClient } from './client.js';
import { signRecord } from './record-signature.js';

export type DeploymentState = 'error' | 'failure' | 'inactive' | 'in_progress' | 'queued' | 'pending' | 'success';

/** What Paved stores in a Deployment's payload: enough to reproduce or restore the release. */
export interface DeploymentPayload {
  image: string;
  digest: string;
  version: string;
  target: string;
  previous_deployment_id: number | null;
  rollback_of?: number;
  migrate_rollback?: string;
  [key: string]: unknown;
}

export interface DeploymentStatusRecord {
  id: number;
  state: DeploymentState;
  description: string;
  environmentUrl: string;
  logUrl: string;
  createdAt: string;
  creator: string;
}

export interface DeploymentRecord {
  id: number;
  sha: string;
  ref: string;
  environment: string;
  createdAt: string;
  creator: string;
  payload: DeploymentPayload | undefined;
  /** Newest first, as GitHub lists them. */
  statuses: DeploymentStatusRecord[];
}

/** A deployment as listed, before its statuses are read (each costs a request). */
export type DeploymentEntry = Omit<DeploymentRecord, 'statuses'>;

export interface LedgerOptions {
  /** The ledger-key secret: when set, every record created carries an HMAC of its payload. */
  signingKey?: string;
}

export interface NewDeployment {
  ref: string;
  environment: string;
  payload: DeploymentPayload;
  description?: string;
  productionEnvironment?: boolean;
  transientEnvironment?: boolean;
  task?: string;
}

export interface StatusUpdate {
  state: DeploymentState;
  description?: string;
  environmentUrl?: string;
  logUrl?: string;
}

/**
 * The deployment ledger on GitHub's Deployments API: every deploy and rollback is a
 * Deployment, its outcome a status. Nothing is ever deleted from it.
 */
export class DeploymentLedger {
  private calls = 0;

  constructor(
    private readonly github: GitHubClient,
    private readonly options: LedgerOptions = {},
  ) {}

  /** How many GitHub API requests this ledger has made so far (pages count one each). */
  get requestCount(): number {
    return this.calls;
  }

  private get repo() {
    return { owner: this.github.owner, repo: this.github.repo };
  }

  async create(deployment: NewDeployment): Promise<number> {
    const key = this.options.signingKey;
    const payload = key ? signRecord(key, deployment) : deployment.payload;
    this.calls++;
    const response = await this.github.octokit.rest.repos.createDeployment({
      ...this.repo,
      ref: deployment.ref,
      environment: deployment.environment,
      task: deployment.task ?? 'deploy',
      payload,
      description: (deployment.description ?? '').slice(0, 140),
      // Paved's own checks verify the release; GitHub must neither merge nor wait for statuses.
      auto_merge: false,
      required_contexts: [],
      ...(deployment.productionEnvironment !== undefined
        ? { production_environment: deployment.productionEnvironment }
        : {}),
      ...(deployment.transientEnvironment !== undefined
        ? { transient_environment: deployment.transientEnvironment }
        : {}),
    });
    if (response.status !== 201 || !('id' in response.data)) {
      throw new PlatformError(
        'GitHub',
        `GitHub did not create the deployment: ${JSON.stringify(response.data).slice(0, 200)}`,
      );
    }
    return response.data.id;
  }

  async setStatus(deploymentId: number, update: StatusUpdate): Promise<void> {
    this.calls++;
    await this.github.octokit.rest.repos.createDeploymentStatus({
      ...this.repo,
      deployment_id: deploymentId,
      state: update.state,
      description: (update.description ?? '').slice(0, 140),
      log_url: update.logUrl ?? this.github.runUrl,
      ...(update.environmentUrl ? { environment_url: update.environmentUrl } : {}),
    });
  }

  async get(deploymentId: number): Promise<DeploymentRecord> {
    this.calls++;
    const { data } = await this.github.octokit.rest.repos.getDeployment({ ...this.repo, deployment_id: deploymentId });
    return { ...toRecord(data), statuses: await this.statuses(deploymentId) };
  }

  async statuses(deploymentId: number): Promise<DeploymentStatusRecord[]> {
    const pages = this.github.octokit.paginate.iterator(this.github.octokit.rest.repos.listDeploymentStatuses, {
      ...this.repo,
      deployment_id: deploymentId,
      per_page: 100,
    });
    const statuses = [];
    for await (const page of this.counted(pages)) statuses.push(...page.data);
    return statuses.map((s) => ({
      id: s.id,
      state: s.state as DeploymentState,
      description: s.description ?? '',
      environmentUrl: s.environment_url ?? '',
      logUrl: s.log_url ?? '',
      createdAt: s.created_at,
      creator: s.creator?.login ?? '',
    }));
  }

  /**
   * Every deployment of an environment, newest first, with its statuses, read page by page
   * (GitHub has no state filter, and existing tools that read only the first 100 miss history).
   */
  async *history(environment: string): AsyncGenerator<DeploymentRecord> {
    for await (const deployment of this.deployments(environment)) {
      yield { ...deployment, statuses: await this.statuses(deployment.id) };
    }
  }

  /**
   * An environment's deployments, newest first (GitHub lists them so), without their statuses,
   * and no more than `depth` of them: a reader fetches statuses only for the records it
   * considers, and a long history cannot spend the token's rate limit.
   */
  async *deployments(environment: string, options: { depth?: number } = {}): AsyncGenerator<DeploymentEntry> {
    const depth = options.depth ?? Number.POSITIVE_INFINITY;
    if (depth <= 0) return;
    const pages = this.github.octokit.paginate.iterator(this.github.octokit.rest.repos.listDeployments, {
      ...this.repo,
      environment,
      per_page: Math.min(100, depth),
    });
    let listed = 0;
    for await (const page of this.counted(pages)) {
      for (const deployment of page.data) {
        yield toRecord(deployment);
        if (++listed >= depth) return;
      }
    }
  }

  private async *counted<T>(pages: AsyncIterable<T>): AsyncGenerator<T> {
    // Counted as each request is made, so a reader that stops early is charged only what it read.
    const iterator = pages[Symbol.asyncIterator]();
    for (;;) {
      this.calls++;
      const next = await iterator.next();
      if (next.done) {
        this.calls--;
        return;
      }
      yield next.value;
    }
  }

  /**
   * The newest good deployment of the environment other than those excluded. Good means it
   * reached `success` and was never marked `failure` or `error` afterwards: GitHub's
   * auto_inactive turns superseded successes `inactive`, and superseded is not bad. Only
   * deployments that Paved recorded (with an image digest in the payload) qualify, so the
   * deployments GitHub creates on its own for `environment:` jobs are never a rollback target.
   */
  async findLastGoodDeployment(environment: string, excluding: number[] = []): Promise<DeploymentRecord | undefined> {
    for await (const deployment of this.history(environment)) {
      if (excluding.includes(deployment.id)) continue;
      if (isGood(deployment)) return deployment;
    }
    return undefined;
  }
}

export function isGood(deployment: DeploymentRecord): boolean {
  if (!deployment.payload?.digest || !deployment.payload.image) return false;
  const states = deployment.statuses.map((s) => s.state);
  return states.includes('success') && !states.includes('failure') && !states.includes('error');
}

interface ApiDeployment {
  id: number;
  sha: string;
  ref: string;
  environment: string;
  created_at: string;
  creator: { login: string } | null;
  payload: unknown;
}

function toRecord(data: ApiDeployment): Omit<DeploymentRecord, 'statuses'> {
  return {
    id: data.id,
    sha: data.sha,
    ref: data.ref,
    environment: data.environment,
    createdAt: data.created_at,
    creator: data.creator?.login ?? '',
    payload: parsePayload(data.payload),
  };
}

function parsePayload(payload: unknown): DeploymentPayload | undefined {
  let value = payload;
  if (typeof value === 'string') {
    try {
      value = JSON.parse(value);
    } catch {
      return undefined;
    }
  }
  if (value && typeof value === 'object' && 'image' in value) return value as DeploymentPayload;
  return undefined;
}
