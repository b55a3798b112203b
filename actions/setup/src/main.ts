import * as core from '@actions/core';
import { InputReader, setOutputs, UserError } from '@paved/core/action';
import { prepareJob, saveJobCaches, setupCacheState } from '@paved/core/setup';
import type { SetupCacheState } from '@paved/core/setup';
import { addSetupSaveSummary, addSetupSummary } from '@paved/core/summary';
import { readInputs } from './inputs.js';

const CACHE_STATE = 'setup-cache';

export async function main(): Promise<void> {
  const read = new InputReader();
  const inputs = readInputs(read);
  const result = await prepareJob({
    workingDirectory: inputs['working-directory'],
    workspace: read.workspace,
    languages: inputs.languages,
    versions: { node: inputs['node-version'], python: inputs['python-version'], go: inputs['go-version'] },
    mirror: inputs.mirror,
    install: inputs.install,
    cache: inputs.cache,
    cacheDependencyPath: inputs['cache-dependency-path'],
    token: inputs.token,
  });
  const runtime = (language: string) => result.projects.find((p) => p.project.language === language)?.runtime.version;
  const { metadata } = result;
  setOutputs({
    version: metadata.version,
    sha: metadata.sha,
    'short-sha': metadata.shortSha,
    'ref-name': metadata.refName,
    'ref-slug': metadata.refSlug,
    'is-default-branch': metadata.isDefaultBranch,
    'node-version': runtime('node'),
    'python-version': runtime('python'),
    'go-version': runtime('go'),
    'cache-hit': result.cacheHit,
  });
  core.saveState(CACHE_STATE, JSON.stringify(setupCacheState(result)));
  await addSetupSummary(core.summary, result).write();
}

/**
 * Saves the dependency caches main did not restore exactly. action.yml runs it with
 * `post-if: success()`: a failed job may have left a half-installed store behind.
 */
export async function post(): Promise<void> {
  const saved = core.getState(CACHE_STATE);
  if (!saved) return; // main failed before restoring anything
  let state: SetupCacheState;
  try {
    state = JSON.parse(saved) as SetupCacheState;
  } catch {
    throw new UserError('The saved setup state is unreadable, so no dependency cache was saved; re-run the job.');
  }
  const results = await saveJobCaches(state);
  await addSetupSaveSummary(core.summary, results).write();
}
