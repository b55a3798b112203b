// `npm run demo`: the whole pipeline on the local stack (packages/cli/src/demo/demo.ts): deploy
// a good release, catch a bad one with the quality gate, roll it back, and report. Run with tsx
// so the TypeScript sources run as they are.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const tsx = createRequire(import.meta.url).resolve('tsx/cli');
const result = spawnSync(process.execPath, [tsx, path.join(root, 'packages', 'cli', 'src', 'demo', 'main.ts')], {
  stdio: 'inherit',
  cwd: root,
});
process.exit(result.status ?? 1);
