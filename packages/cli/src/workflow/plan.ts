import { existsSync } from 'node:fs';
import path from 'node:path';
import { loadActionManifest } from '@paved/action-runner';
import type { Roots } from './uses.js';
import { displayPath, resolveCalledWorkflow, resolveStepAction } from './uses.js';
import { loadWorkflow } from './load.js';
import type { JobDefinition, Workflow } from './model.js';

export function needsOf(job: JobDefinition): string[] {
  if (job.needs === undefined) return [];
  return Array.isArray(job.needs) ? job.needs : [job.needs];
}

/**
 * Jobs in an order that respects `needs`, keeping the file's order among independent jobs.
 * With `only`, the job and everything it needs, since its expressions read their outputs.
 */
export function jobOrder(workflow: Workflow, only?: string): string[] {
  const jobs = workflow.jobs;
  for (const [id, job] of Object.entries(jobs)) {
    for (const need of needsOf(job)) {
      if (!(need in jobs)) throw new Error(`Job '${id}' needs '${need}', which ${workflow.file} does not define.`);
    }
  }
  let wanted = new Set(Object.keys(jobs));
  if (only !== undefined) {
    if (!(only in jobs)) {
      throw new Error(`No job '${only}' in ${workflow.file}; its jobs are: ${Object.keys(jobs).join(', ')}.`);
    }
    wanted = new Set();
    const visit = (id: string) => {
      if (wanted.has(id)) return;
      wanted.add(id);
      needsOf(jobs[id] ?? {}).forEach(visit);
    };
    visit(only);
  }
  const order: string[] = [];
  const remaining = Object.keys(jobs).filter((id) => wanted.has(id));
  while (remaining.length > 0) {
    const index = remaining.findIndex((id) => needsOf(jobs[id] ?? {}).every((need) => order.includes(need)));
    if (index < 0) throw new Error(`The needs of jobs ${remaining.join(', ')} in ${workflow.file} form a cycle.`);
    order.push(...remaining.splice(index, 1));
  }
  return order;
}

export interface Refusal {
  where: string;
  reason: string;
}

const SHELLS = new Set(['bash', 'sh']);

/**
 * Everything in the workflow, and in the reusable workflows it calls, that `paved run` cannot do
 * on this machine, found before any step runs so a run never stops half-way for it.
 */
export function findRefusals(workflow: Workflow, roots: Roots, depth = 0): Refusal[] {
  const refusals: Refusal[] = [];
  const file = displayPath(workflow.file, roots);
  for (const [id, job] of Object.entries(workflow.jobs)) {
    const where = `${file} job '${id}'`;
    if ((job.strategy as { matrix?: unknown } | undefined)?.matrix !== undefined) {
      refusals.push({ where, reason: 'strategy.matrix is not supported by paved run; run one combination per job' });
    }
    if (job.services !== undefined || job.container !== undefined) {
      refusals.push({ where, reason: 'service and job containers are not supported by paved run' });
    }
    if (job.uses !== undefined) {
      if (depth >= 3) {
        refusals.push({ where, reason: 'reusable workflows nest deeper than GitHub allows (4 levels)' });
        continue;
      }
      try {
        const called = loadWorkflow(resolveCalledWorkflow(job.uses, roots));
        if (called.on.workflow_call === undefined) {
          refusals.push({ where, reason: `${job.uses} has no workflow_call trigger, so it cannot be called` });
        }
        refusals.push(...findRefusals(called, roots, depth + 1));
      } catch (error) {
        refusals.push({ where, reason: (error as Error).message });
      }
      continue;
    }
    (job.steps ?? []).forEach((step, index) => {
      const stepWhere = `${where} step ${step.name ?? step.id ?? index + 1}`;
      if (step.uses !== undefined) {
        const action = resolveStepAction(step.uses, roots);
        if (action.kind === 'refused') refusals.push({ where: stepWhere, reason: action.reason });
        if (action.kind === 'node') {
          const problem = bundleProblem(action.dir, roots);
          if (problem) refusals.push({ where: stepWhere, reason: problem });
        }
      } else if (step.run === undefined) {
        refusals.push({ where: stepWhere, reason: 'a step needs uses: or run:' });
      }
      const shell = step.shell ?? job.defaults?.run?.shell ?? workflow.defaults?.run?.shell;
      if (step.run !== undefined && shell !== undefined && !SHELLS.has(shell)) {
        refusals.push({ where: stepWhere, reason: `shell '${shell}' is not supported by paved run (bash or sh)` });
      }
    });
  }
  return refusals;
}

/** A JavaScript action whose bundle is missing would fail half-way through the run; say so first. */
function bundleProblem(dir: string, roots: Roots): string | undefined {
  try {
    const manifest = loadActionManifest(dir);
    const main = path.resolve(dir, manifest.runs.main);
    if (existsSync(main)) return undefined;
    return `${displayPath(main, roots)} does not exist; build the action bundles first (npm run build)`;
  } catch (error) {
    return (error as Error).message;
  }
}
