#!/usr/bin/env node
// Pins the actions Paved's reusable workflows call to one commit, for a release:
//   node scripts/pin-actions.mjs --sha <40 hex> [--tag v1.5.0] [--org paved-org]
// A reusable workflow cannot learn the ref its caller pinned it with (GitHub gives `uses:` no
// expressions and the workflow no `job.workflow_sha` outside OIDC tokens), so `uses:
// <org>/paved/actions/deploy@v1` in it would follow the moving tag even when the caller pinned
// the workflow to a commit. The release pins them instead: commit A holds the actions and their
// bundles; this script rewrites the reusable workflows to call the actions at A and the result
// is committed as B and tagged. A caller who pins `paved-deploy.yml@<sha of B>` then runs the
// actions of A, which B does not change: nothing they run can move under them.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const WORKFLOWS = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '.github', 'workflows');
const SHA = /^[0-9a-f]{40}$/;
const NAME = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})$/;
const TAG = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

/** The `uses:` lines naming one of Paved's actions, whatever ref (and comment) they carry now. */
function actionUses(org) {
  return new RegExp(`^(\\s*(?:-\\s+)?uses:\\s*)${org}/paved/(actions/[a-z-]+)@[^\\s#]+(?:\\s*#.*)?$`, 'gm');
}

/** Rewrites one workflow's references to Paved's actions to `@<sha> # <tag>`. */
export function pinText(text, { sha, tag, org = 'paved-org' }) {
  if (!SHA.test(sha ?? '')) throw new Error(`--sha must be a full 40-character commit SHA, got '${sha ?? ''}'.`);
  if (tag !== undefined && !TAG.test(tag)) throw new Error(`--tag must be a tag name like v1.5.0, got '${tag}'.`);
  if (!NAME.test(org)) throw new Error(`--org must be a GitHub organisation name, got '${org}'.`);
  return text.replace(
    actionUses(org),
    (_, lead, action) => `${lead}${org}/paved/${action}@${sha}${tag ? ` # ${tag}` : ''}`,
  );
}

/** Every reference to Paved's actions in the reusable workflows, with the ref it carries. */
export function actionRefs(text, org = 'paved-org') {
  return [...text.matchAll(new RegExp(`${org}/paved/(actions/[a-z-]+)@([^\\s#]+)`, 'g'))].map((m) => ({
    action: m[1],
    ref: m[2],
  }));
}

/** Pins every `paved-*.yml` in `dir`; returns the files changed. */
export function pinActions({ sha, tag, org = 'paved-org', dir = WORKFLOWS }) {
  const changed = [];
  for (const name of readdirSync(dir)
    .filter((file) => /^paved-.*\.ya?ml$/.test(file))
    .sort()) {
    const file = path.join(dir, name);
    const before = readFileSync(file, 'utf8');
    const after = pinText(before, { sha, tag, org });
    if (after !== before) {
      writeFileSync(file, after);
      changed.push(name);
    }
  }
  return changed;
}

function main() {
  const { values } = parseArgs({
    options: { sha: { type: 'string' }, tag: { type: 'string' }, org: { type: 'string', default: 'paved-org' } },
  });
  const changed = pinActions({ sha: values.sha, tag: values.tag, org: values.org });
  process.stdout.write(
    changed.length ? `Pinned Paved's actions to ${values.sha} in ${changed.join(', ')}\n` : 'Nothing to pin.\n',
  );
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  try {
    main();
  } catch (error) {
    process.stderr.write(`pin-actions: ${error.message}\n`);
    process.exitCode = 1;
  }
}
