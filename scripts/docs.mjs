// Writes each action README's inputs and outputs tables from its action.yml, between the
// markers <!-- paved:inputs --> … <!-- /paved:inputs --> and the same for outputs.
// It also writes schemas/paved.schema.json, the config file's JSON Schema for editors, from the
// schema the runtime validates with. With --check it changes nothing and exits 1 when a file is
// stale. Run it with tsx (npm run docs), since the schema is TypeScript.
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { PAVED_CONFIG_SCHEMA } from '@paved/core/config';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const check = process.argv.includes('--check');

const cell = (text) =>
  String(text ?? '')
    .trim()
    .replace(/\|/g, '\\|')
    .replace(/\r?\n/g, '<br>');

const code = (text) => (text === undefined || text === '' ? '' : `<code>${cell(text).replace(/`/g, '&#96;')}</code>`);

function inputsTable(inputs = {}) {
  const rows = Object.entries(inputs).map(
    ([name, input]) =>
      `| \`${name}\` | ${input.required ? 'yes' : 'no'} | ${code(input.default)} | ${cell(input.description)} |`,
  );
  return ['| Input | Required | Default | Description |', '| --- | --- | --- | --- |', ...rows].join('\n');
}

function outputsTable(outputs = {}) {
  const rows = Object.entries(outputs).map(([name, output]) => `| \`${name}\` | ${cell(output.description)} |`);
  return ['| Output | Description |', '| --- | --- |', ...rows].join('\n');
}

function replaceBlock(text, marker, body, file) {
  const pattern = new RegExp(`(<!-- paved:${marker} -->)[\\s\\S]*?(<!-- /paved:${marker} -->)`);
  if (!pattern.test(text))
    throw new Error(`${file}: missing <!-- paved:${marker} --> … <!-- /paved:${marker} --> markers`);
  return text.replace(pattern, (_, open, close) => `${open}\n${body}\n${close}`);
}

const stale = [];
for (const name of readdirSync(path.join(root, 'actions')).sort()) {
  const manifestFile = path.join(root, 'actions', name, 'action.yml');
  const readmeFile = path.join(root, 'actions', name, 'README.md');
  if (!existsSync(manifestFile) || !existsSync(readmeFile)) continue;
  const manifest = parse(readFileSync(manifestFile, 'utf8'));
  const before = readFileSync(readmeFile, 'utf8');
  let after = replaceBlock(before, 'inputs', inputsTable(manifest.inputs), readmeFile);
  after = replaceBlock(after, 'outputs', outputsTable(manifest.outputs), readmeFile);
  if (after === before) continue;
  stale.push(path.relative(root, readmeFile));
  if (!check) writeFileSync(readmeFile, after);
}

const schemaFile = path.join(root, 'schemas', 'paved.schema.json');
const schemaText = `${JSON.stringify(PAVED_CONFIG_SCHEMA, null, 2)}\n`;
if (!existsSync(schemaFile) || readFileSync(schemaFile, 'utf8') !== schemaText) {
  stale.push(path.relative(root, schemaFile));
  if (!check) {
    mkdirSync(path.dirname(schemaFile), { recursive: true });
    writeFileSync(schemaFile, schemaText);
  }
}

if (check && stale.length > 0) {
  process.stderr.write(`Stale generated docs (run npm run docs): ${stale.join(', ')}\n`);
  process.exit(1);
}
if (!check) process.stdout.write(stale.length ? `updated ${stale.join(', ')}\n` : 'README tables up to date\n');
