import js from '@eslint/js';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import importX from 'eslint-plugin-import-x';
import tseslint from 'typescript-eslint';

// Each package is reached through its entry (`@paved/<name>` and the subpaths it exports), never
// through another package's src/ or test/ folder, so what a package offers is what its entry says.
const OTHER_PACKAGES_FOLDERS = {
  group: [
    '**/packages/*/src/**',
    '**/packages/*/test/**',
    '../../../*/src/**',
    '../../../*/test/**',
    '**/test/harness/**',
  ],
  message: 'Import another package through its entry (@paved/<name>), and shared test code from @paved/test-support.',
};
const core = './packages/core/src';

/**
 * The concern map of packages/core: each folder may import only the folders listed for it, so
 * dependencies point one way (actions → core concerns → platform clients) and no cycle can form.
 * A folder missing from `allowed` below is a new concern: give it its place here.
 */
const allowed = {
  // What an entry file reads before its bundle loads: imports nothing at all.
  entry: [],
  action: ['entry'],
  config: ['action'],
  checks: ['action'],
  docker: ['action'],
  image: ['action', 'docker'],
  remote: ['action'],
  kubernetes: ['action'],
  insights: ['action', 'github'],
  proxy: ['action', 'docker', 'remote'],
  github: ['action'],
  setup: ['action'],
  // Traces of a run: actions wrap their main with it and hand its phase hook to the release.
  telemetry: ['action'],
  // The gate judges; telling GitHub about the verdict is the action's job.
  gate: ['action'],
  targets: ['action', 'config', 'docker', 'kubernetes', 'proxy', 'remote'],
  release: ['action', 'config', 'entry', 'github', 'targets'],
  deploy: ['action', 'config', 'github', 'release', 'targets'],
  rollback: ['action', 'config', 'github', 'release', 'targets'],
  summary: [
    'action',
    'checks',
    'config',
    'deploy',
    'docker',
    'github',
    'image',
    'gate',
    'insights',
    'release',
    'rollback',
    'setup',
    'targets',
  ],
};
const concerns = Object.keys(allowed);
const zones = concerns.flatMap((concern) =>
  concerns
    .filter((other) => other !== concern && !allowed[concern].includes(other))
    .map((other) => ({
      target: `${core}/${concern}`,
      from: `${core}/${other}`,
      message: `core/${concern} may import only ${allowed[concern].join(', ') || 'nothing of other concerns'} (see eslint.config.js and ARCHITECTURE.md).`,
    })),
);

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'coverage/', '**/*.d.ts', '**/*.generated.ts'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{js,mjs}'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly', setTimeout: 'readonly' } },
  },
  {
    files: ['**/*.{ts,js,mjs}'],
    rules: { 'no-restricted-imports': ['error', { patterns: [OTHER_PACKAGES_FOLDERS] }] },
  },
  {
    files: ['actions/*/src/**/*.ts', 'packages/*/src/**/*.ts'],
    plugins: { 'import-x': importX },
    settings: {
      'import-x/resolver-next': [createTypeScriptImportResolver({ project: './tsconfig.json' })],
      // The rule reads each imported file to follow its imports: it must know how to parse TypeScript.
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts'] },
      'import-x/extensions': ['.ts', '.js', '.mjs'],
    },
    rules: {
      // No module may reach itself through its imports: a cycle hides which concern owns what.
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      'import-x/no-restricted-paths': ['error', { zones }],
    },
  },
  {
    files: ['actions/*/src/**/*.ts', 'packages/core/src/**/*.ts'],
    rules: {
      // Actions log through @actions/core so the runner can group, mask and annotate.
      'no-console': 'error',
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            OTHER_PACKAGES_FOLDERS,
            {
              group: ['@actions/*/lib/*', '@actions/*/dist/*'],
              message: 'Import @actions packages by their public entry.',
            },
            {
              group: [
                '@paved/stack',
                '@paved/github-emulator',
                '@paved/cli',
                '@paved/action-runner',
                '@paved/test-support',
                '@paved/test-support/*',
                '@paved/cache-service',
              ],
              message: 'Core and actions must not reach local or test infrastructure.',
            },
          ],
        },
      ],
    },
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
);
