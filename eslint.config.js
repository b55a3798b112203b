import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'coverage/', '**/*.d.ts'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{js,mjs}'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly', setTimeout: 'readonly' } },
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
            {
              group: ['@actions/*/lib/*', '@actions/*/dist/*'],
              message: 'Import @actions packages by their public entry.',
            },
            {
              group: ['@paved/stack', '@paved/github-emulator', '@paved/cli', '@paved/action-runner'],
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
