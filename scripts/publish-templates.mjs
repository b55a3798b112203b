#!/usr/bin/env node
// Publishes Paved's starter workflows into an organisation's `.github` repository checkout:
//   node scripts/publish-templates.mjs --org acme --dest ../acme-.github [--ref v1]
// GitHub reads them from `workflow-templates/` there. The `paved-org/` placeholder in `uses:`
// becomes the organisation, `@v1` on Paved's references becomes --ref. A manifest remembers
// what was published, so templates removed here are removed there, and nothing else is touched.
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const SOURCE = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'workflows-templates');
const MANIFEST = '.paved-published.json';
const NAME = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})$/;
const REF = /^[A-Za-z0-9][A-Za-z0-9._/-]*$/;

/** Rewrites Paved's references for one organisation and ref; other text is left as it is. */
export function rewrite(text, org, ref) {
  return text
    .replace(/\bpaved-org\/paved\/([^@\s'"]+)@v1\b/g, `${org}/paved/$1@${ref}`)
    .replace(/\bpaved-org\//g, `${org}/`);
}

/** Syncs the templates; returns what changed as { added, updated, removed, unchanged } file names. */
export function publishTemplates({ org, dest, ref = 'v1', source = SOURCE }) {
  if (!org || !NAME.test(org)) throw new Error(`--org must be a GitHub organisation name, got '${org ?? ''}'.`);
  if (!REF.test(ref)) throw new Error(`--ref must be a tag, branch or commit SHA, got '${ref}'.`);
  if (!dest || !existsSync(dest)) throw new Error(`--dest must be a checkout of ${org}/.github, got '${dest ?? ''}'.`);
  const target = path.join(dest, 'workflow-templates');
  mkdirSync(target, { recursive: true });
  const manifestFile = path.join(target, MANIFEST);
  const previous = existsSync(manifestFile) ? (JSON.parse(readFileSync(manifestFile, 'utf8')).files ?? []) : [];
  const files = readdirSync(source)
    .filter((name) => /\.(ya?ml|json|svg)$/.test(name))
    .sort();
  const changes = { added: [], updated: [], removed: [], unchanged: [] };
  for (const name of files) {
    const raw = readFileSync(path.join(source, name), 'utf8');
    const content = /\.ya?ml$/.test(name) ? rewrite(raw, org, ref) : raw;
    const file = path.join(target, name);
    const before = existsSync(file) ? readFileSync(file, 'utf8') : undefined;
    if (before === content) changes.unchanged.push(name);
    else {
      writeFileSync(file, content);
      (before === undefined ? changes.added : changes.updated).push(name);
    }
  }
  for (const name of previous) {
    if (!files.includes(name) && existsSync(path.join(target, name))) {
      rmSync(path.join(target, name));
      changes.removed.push(name);
    }
  }
  writeFileSync(manifestFile, `${JSON.stringify({ source: 'paved', org, ref, files }, null, 2)}\n`);
  return changes;
}

function main() {
  const { values } = parseArgs({
    options: { org: { type: 'string' }, dest: { type: 'string' }, ref: { type: 'string', default: 'v1' } },
  });
  const changes = publishTemplates({ org: values.org, dest: values.dest, ref: values.ref });
  for (const [kind, names] of Object.entries(changes)) {
    if (kind !== 'unchanged')
      for (const name of names) process.stdout.write(`${kind.padEnd(8)} workflow-templates/${name}\n`);
  }
  const changed = changes.added.length + changes.updated.length + changes.removed.length;
  process.stdout.write(
    changed === 0
      ? `Nothing to change: ${changes.unchanged.length} templates already match.\n`
      : `${changed} file(s) changed in ${path.join(values.dest, 'workflow-templates')}; review and commit them there.\n`,
  );
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    main();
  } catch (error) {
    process.stderr.write(`publish-templates: ${error.message}\n`);
    process.exit(1);
  }
}
