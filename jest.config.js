// Three projects, each runnable alone (npm run test:unit | test:integration | test:e2e); npm test
// runs them all in one jest run, so one `Tests:` line sums them.
//   unit         no service started: core's logic, the runner's expressions, static checks.
//   integration  real services: the local stack (dockerd, registry, Prometheus, sshd, Caddy),
//                the GitHub emulator, Azurite and the cache service.
//   e2e          what users run: the action bundles as the runner runs them, the templates,
//                the paved command, the demo.
// A new test file is a unit test unless its path is listed under integration or e2e below.

const ROOT = import.meta.dirname;

const INTEGRATION = [
  'packages/stack/test/**/*.test.ts',
  'packages/github-emulator/test/**/*.test.ts',
  'packages/cache-service/test/**/*.test.ts',
  'packages/core/test/docker/cli.test.ts',
  'packages/core/test/docker/engine-api.test.ts',
  'packages/core/test/docker/image-build.test.ts',
  'packages/core/test/github/comments.test.ts',
  'packages/core/test/github/ledger.test.ts',
  'packages/core/test/kubernetes/cluster-operations.test.ts',
  'packages/core/test/proxy/managed-proxy.test.ts',
  'packages/core/test/remote/tunnel.test.ts',
  'packages/core/test/rollback/rollback.test.ts',
  'packages/core/test/targets/probe-on-host.test.ts',
  'packages/core/test/targets/docker-host.test.ts',
  'packages/core/test/setup/dependency-cache.test.ts',
  'packages/cli/test/check-platforms.test.ts',
  'packages/cli/test/report.test.ts',
  'test/insights/report.test.ts',
  'test/examples/**/*.test.ts',
];
// Probes the machine through stubbed hooks only: a unit test, though it lives with the stack.
const UNIT_AMONG_INTEGRATION = ['packages/stack/test/availability.test.ts'];

const E2E = [
  'test/actions/**/*.test.ts',
  'test/templates/**/*.test.ts',
  'test/harness/**/*.test.ts',
  'test/hostile/**/*.test.ts',
  'test/demo/**/*.test.ts',
  'packages/cli/test/e2e.test.ts',
  'packages/cli/test/adopt.test.ts',
  'test/insights/html.test.ts',
];

const ALL = ['packages/*/test/**/*.test.ts', 'test/**/*.test.ts', 'actions/*/test/**/*.test.ts'];

// Later globs win (jest keeps a path when the last glob that matches it is not negated).
const globs = (paths, negate = false) => paths.map((glob) => `${negate ? '!' : ''}${ROOT}/${glob}`);

/** What every project shares: ESM TypeScript through swc, workspace packages from their sources. */
const base = {
  rootDir: ROOT,
  roots: ['<rootDir>/packages', '<rootDir>/test', '<rootDir>/actions'],
  testEnvironment: 'node',
  // Removes the temp folders test-support made and keeps workflow commands out of the output.
  setupFilesAfterEnv: ['<rootDir>/packages/test-support/src/jest/setup.ts'],
  extensionsToTreatAsEsm: ['.ts'],
  transform: {
    '^.+\\.ts$': [
      '@swc/jest',
      { jsc: { parser: { syntax: 'typescript' }, target: 'es2023' }, module: { type: 'es6' } },
    ],
  },
  moduleNameMapper: {
    '^@paved/core$': '<rootDir>/packages/core/src/index.ts',
    '^@paved/core/(.*)$': '<rootDir>/packages/core/src/$1/index.ts',
    '^@paved/test-support/(.*)$': '<rootDir>/packages/test-support/src/$1/index.ts',
    '^(\\.{1,2}/.*)\\.js$': '$1',
  },
};

/** @type {import('jest').Config} */
export default {
  testTimeout: 60_000,
  projects: [
    {
      ...base,
      displayName: 'unit',
      testMatch: [...globs(ALL), ...globs([...INTEGRATION, ...E2E], true), ...globs(UNIT_AMONG_INTEGRATION)],
    },
    {
      ...base,
      displayName: 'integration',
      testMatch: [...globs(INTEGRATION), ...globs(UNIT_AMONG_INTEGRATION, true)],
    },
    { ...base, displayName: 'e2e', testMatch: globs(E2E) },
  ],
};
