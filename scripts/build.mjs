// Bundles every action under actions/ into dist/<name>/ with ncc. The output depends only on
// the sources and the locked dependencies, so a rebuild of a clean checkout changes nothing.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const ncc = path.join(root, 'node_modules', '@vercel', 'ncc', 'dist', 'ncc', 'cli.js');
const wanted = process.argv.slice(2);
const actions = readdirSync(path.join(root, 'actions')).filter(
  (name) =>
    existsSync(path.join(root, 'actions', name, 'action.yml')) && (wanted.length === 0 || wanted.includes(name)),
);

for (const name of actions) {
  const out = path.join(root, 'dist', name);
  rmSync(out, { recursive: true, force: true });
  const result = spawnSync(
    process.execPath,
    [
      ncc,
      'build',
      path.join('actions', name, 'src', 'index.ts'),
      '--out',
      path.relative(root, out),
      '--license',
      'licenses.txt',
      '--target',
      'es2023',
      '--quiet',
    ],
    { cwd: root, stdio: 'inherit' },
  );
  if (result.status !== 0) {
    process.stderr.write(`build failed for actions/${name}\n`);
    process.exit(1);
  }
  process.stdout.write(`built dist/${name}\n`);
}
