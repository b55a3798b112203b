import { existsSync } from 'node:fs';
import path from 'node:path';

/** Where `paved run` finds things: the user's working tree and the Paved checkout it runs from. */
export interface Roots {
  workspace: string;
  paved: string;
}

export type StepAction = { kind: 'checkout' } | { kind: 'node'; dir: string } | { kind: 'refused'; reason: string };

const CHECKOUT = /^actions\/checkout@/;
/** `<owner>/paved/actions/<name>@<ref>`: any organisation's copy of Paved runs from this tree. */
const PAVED_ACTION = /^[^/\s]+\/paved\/actions\/([a-z0-9-]+)@\S+$/i;
const PAVED_WORKFLOW = /^[^/\s]+\/paved\/(\.github\/workflows\/[^@\s]+\.ya?ml)@\S+$/i;

export const ALLOWED = `paved run runs Paved's own actions (./actions/<name> or <org>/paved/actions/<name>@<ref>, from dist/) and treats actions/checkout as the local working tree`;

function hasManifest(dir: string): boolean {
  return existsSync(path.join(dir, 'action.yml')) || existsSync(path.join(dir, 'action.yaml'));
}

/** Decides how a step's `uses:` runs on this machine, or why it cannot. */
export function resolveStepAction(uses: string, roots: Roots): StepAction {
  if (CHECKOUT.test(uses)) return { kind: 'checkout' };
  if (uses.startsWith('./')) {
    const local = path.resolve(roots.workspace, uses);
    if (hasManifest(local)) return { kind: 'node', dir: local };
    const ownAction = /^\.\/actions\/([a-z0-9-]+)\/?$/i.exec(uses);
    const fromPaved = ownAction ? path.join(roots.paved, 'actions', ownAction[1] ?? '') : undefined;
    if (fromPaved && hasManifest(fromPaved)) return { kind: 'node', dir: fromPaved };
    return {
      kind: 'refused',
      reason: `${uses} has no action.yml in the workspace ${roots.workspace} nor among Paved's actions`,
    };
  }
  const paved = PAVED_ACTION.exec(uses);
  if (paved) {
    const dir = path.join(roots.paved, 'actions', paved[1] ?? '');
    if (hasManifest(dir)) return { kind: 'node', dir };
    return { kind: 'refused', reason: `${uses}: Paved has no action named '${paved[1]}'` };
  }
  if (uses.startsWith('docker://')) {
    return { kind: 'refused', reason: `${uses} is a container action; ${ALLOWED}` };
  }
  return { kind: 'refused', reason: `${uses} is a third-party action; ${ALLOWED}` };
}

/**
 * The local file behind a job's `uses:`: `<owner>/paved/.github/workflows/X@ref` is this Paved
 * tree's reusable workflow; `./.github/workflows/X` is the workspace's, else Paved's.
 */
export function resolveCalledWorkflow(uses: string, roots: Roots): string {
  const paved = PAVED_WORKFLOW.exec(uses);
  if (paved) {
    const file = path.join(roots.paved, paved[1] ?? '');
    if (existsSync(file)) return file;
    throw new Error(`${uses}: Paved has no reusable workflow ${paved[1]}.`);
  }
  if (uses.startsWith('./')) {
    for (const root of [roots.workspace, roots.paved]) {
      const file = path.resolve(root, uses);
      if (existsSync(file)) return file;
    }
    throw new Error(`${uses}: no such workflow in ${roots.workspace}.`);
  }
  throw new Error(
    `${uses} is a reusable workflow outside Paved; paved run calls only <org>/paved/.github/workflows/<file>@<ref> and ./.github/workflows/<file>.`,
  );
}

/** A path as the user thinks of it: inside the workspace, else inside Paved, else absolute. */
export function displayPath(file: string, roots: Roots): string {
  for (const root of [roots.workspace, roots.paved]) {
    const relative = path.relative(root, file);
    if (!relative.startsWith('..') && !path.isAbsolute(relative)) return relative;
  }
  return file;
}
