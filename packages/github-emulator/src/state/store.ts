import { notFound } from '../http/errors.js';
import { emptyState, type EmulatorState, type RepositoryRecord } from './model.js';

/** GitHub timestamps have second precision and a Z suffix: 2024-05-01T12:00:00Z. */
export function timestamp(date = new Date()): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** The emulator's memory, with the lookups every resource handler needs. */
export class Store {
  constructor(public state: EmulatorState = emptyState()) {}

  nextId(): number {
    const id = this.state.nextId;
    this.state.nextId += 1;
    return id;
  }

  findRepository(owner: string, name: string): RepositoryRecord | undefined {
    // Owner and repository names are case-insensitive on GitHub.
    const wanted = `${owner}/${name}`.toLowerCase();
    return this.state.repositories.find((repo) => `${repo.owner}/${repo.name}`.toLowerCase() === wanted);
  }

  requireRepository(owner: string, name: string): RepositoryRecord {
    const repository = this.findRepository(owner, name);
    if (!repository) throw notFound('https://docs.github.com/rest/repos/repos#get-a-repository');
    return repository;
  }

  createRepository(owner: string, name: string, options: Partial<RepositoryRecord> = {}): RepositoryRecord {
    const repository: RepositoryRecord = {
      id: this.nextId(),
      owner,
      name,
      defaultBranch: 'main',
      visibility: 'public',
      description: null,
      createdAt: timestamp(),
      branches: {},
      tags: {},
      commits: [],
      commitStatuses: [],
      pulls: [],
      deployments: [],
      deploymentStatuses: [],
      environments: [],
      issues: [],
      comments: [],
      labels: [],
      workflowRuns: [],
      nextNumber: 1,
      ...options,
    };
    this.state.repositories.push(repository);
    return repository;
  }
}
