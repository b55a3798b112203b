import * as core from '@actions/core';
import { context } from '@actions/github';
import os from 'node:os';
import { InputError, InputReader, setOutputs } from '@paved/core/action';
import { buildAndPushImage, buildGitContextFromPayload, type BuildGitContext } from '@paved/core/image';
import { addBuildImageSummary } from '@paved/core/summary';
import { readInputs } from './inputs.js';

export async function main(): Promise<void> {
  const inputs = readInputs(new InputReader());
  if (Boolean(inputs.username) !== Boolean(inputs.password)) {
    const missing = inputs.username ? 'password' : 'username';
    throw new InputError(
      missing,
      `Input '${missing}' is required when ${missing === 'password' ? 'username' : 'password'} is set: give both to log in, or neither`,
    );
  }
  const result = await buildAndPushImage({
    image: inputs.image,
    git: gitContext(),
    context: inputs.context,
    file: inputs.file,
    target: inputs.target,
    buildArgs: inputs['build-args'],
    secrets: inputs.secrets,
    platforms: inputs.platforms,
    cacheFrom: inputs['cache-from'],
    cacheTo: inputs['cache-to'],
    tagRules: inputs.tags,
    latest: inputs.latest,
    labels: inputs.labels,
    annotations: inputs.annotations,
    provenance: inputs.provenance,
    sbom: inputs.sbom,
    network: inputs.network,
    push: inputs.push,
    load: inputs.load,
    credentials:
      inputs.username && inputs.password ? { username: inputs.username, password: inputs.password } : undefined,
    pushRetries: inputs['push-retries'],
    // PAVED_DOCKER picks one docker CLI instead of the detected best (documented in the README).
    dockerBinary: process.env.PAVED_DOCKER || undefined,
    tempDir: process.env.RUNNER_TEMP || os.tmpdir(),
  });
  setOutputs({
    image: result.image,
    digest: result.digest,
    ref: result.ref,
    tags: result.tags.join('\n'),
    labels: Object.entries(result.labels)
      .map(([name, value]) => `${name}=${value}`)
      .join('\n'),
    metadata: JSON.stringify({
      image: result.image,
      digest: result.digest ?? null,
      ref: result.ref ?? null,
      imageId: result.imageId ?? null,
      tags: result.tags,
      version: result.version ?? null,
      labels: result.labels,
      builder: result.builder,
      docker: result.cli.version,
      buildMs: result.buildMs,
      pushMs: result.pushMs,
      pushAttempts: result.pushAttempts,
      confirmed: result.confirmed,
      size: result.size ?? null,
    }),
  });
  core.info(result.ref ? `Deploy this: ${result.ref}` : `Built ${result.imageId ?? result.image} (not pushed)`);
  if (process.env.GITHUB_STEP_SUMMARY) await addBuildImageSummary(core.summary, result).write();
}

/** The run's git facts from the runner's context, as the plain object core works with. */
function gitContext(): BuildGitContext {
  const payload = context.payload as Record<string, unknown> & { repository?: { full_name?: string } };
  return buildGitContextFromPayload({
    eventName: context.eventName,
    ref: context.ref,
    sha: context.sha,
    repository: process.env.GITHUB_REPOSITORY || payload.repository?.full_name || '',
    serverUrl: context.serverUrl,
    payload,
  });
}
