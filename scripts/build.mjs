// Bundles every action under actions/ into dist/<name>/ with ncc. The output depends only on
// the sources and the locked dependencies, so a rebuild of a clean checkout changes nothing.
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, renameSync, rmSync } from 'node:fs';
import os from 'node:os';
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
  // Build beside the committed bundle and swap only on success: a failed build (a type error
  // anywhere ncc looks) must not leave dist/<name> missing.
  const out = path.join(root, 'dist', name);
  const staging = mkdtempSync(path.join(os.tmpdir(), `paved-build-${name}-`));
  const result = spawnSync(
    process.execPath,
    [
      ncc,
      'build',
      path.join('actions', name, 'src', 'index.ts'),
      '--out',
      staging,
      '--license',
      'licenses.txt',
      '--target',
      'es2023',
      '--quiet',
    ],
    { cwd: root, stdio: 'inherit' },
  );
  if (result.status !== 0) {
    rmSync(staging, { recursive: true, force: true });
    process.stderr.write(`build failed for actions/${name}; dist/${name} left as it was\n`);
    process.exit(1);
  }
  chmodSync(staging, 0o755);
  rmSync(out, { recursive: true, force: true });
  try {
    renameSync(staging, out);
  } catch {
    // Another file system (tmpfs): copy instead.
    spawnSync('cp', ['-r', staging, out], { stdio: 'inherit' });
    rmSync(staging, { recursive: true, force: true });
  }
  process.stdout.write(`built dist/${name}\n`);
}
