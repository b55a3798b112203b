import js from '@eslint/js';
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

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'coverage/', '**/*.d.ts'] },
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
                '@paved/cache-service',
                '@paved/test-support',
                '@paved/test-support/*',
              ],
              message: 'Core and actions must not reach local infrastructure.',
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
