import type { DeploymentRecord, NewDeployment, StatusUpdate } from '../github/index.js';

/**
 * The record every release writes: GitHub's Deployments API in production
 * (`DeploymentLedger`), a fake in unit tests. Deploy and rollback use the same four calls.
 */
export interface ReleaseLedger {
  create(deployment: NewDeployment): Promise<number>;
  setStatus(deploymentId: number, update: StatusUpdate): Promise<void>;
  /** Newest first. */
  history(environment: string): AsyncGenerator<DeploymentRecord>;
  get(deploymentId: number): Promise<DeploymentRecord>;
}

export interface ReleaseLog {
  info(message: string): void;
  warning(message: string): void;
}
