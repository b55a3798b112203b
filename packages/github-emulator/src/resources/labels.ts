import type { LabelRecord, RepositoryRecord } from '../state/model.js';
import type { Store } from '../state/store.js';

export type LabelInput = string | { name?: string; description?: string | null; color?: string | null };

/** Labels named on an issue that the repository lacks are created, as GitHub does for pushers. */
export function ensureLabels(store: Store, repository: RepositoryRecord, inputs: readonly LabelInput[]): string[] {
  const names: string[] = [];
  for (const input of inputs) {
    const name = typeof input === 'string' ? input : input.name;
    if (!name) continue;
    const existing = findLabel(repository, name);
    if (!existing) {
      const record: LabelRecord = {
        id: store.nextId(),
        name,
        color: (typeof input === 'object' && input.color) || 'ededed',
        description: (typeof input === 'object' && input.description) || null,
      };
      repository.labels.push(record);
    }
    const canonical = findLabel(repository, name)!.name;
    if (!names.includes(canonical)) names.push(canonical);
  }
  return names;
}

export function findLabel(repository: RepositoryRecord, name: string): LabelRecord | undefined {
  return repository.labels.find((label) => label.name.toLowerCase() === name.toLowerCase());
}
