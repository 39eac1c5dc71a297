import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'data/', 'coverage/', 'test-artifacts/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { console: 'readonly', process: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // The functional core stays pure: no I/O, no Office.js, no Hono.
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: ['node:*', 'fs', 'path', 'hono', 'hono/*', 'exceljs', 'pg', '../server/*', '../addin/*', '../../server/*', '../../addin/*'] }],
      'no-restricted-globals': ['error', 'Excel', 'Office', 'fetch', 'localStorage', 'document', 'window'],
    },
  },
  {
    // Only addin/excel.ts talks to Office.js.
    files: ['addin/**/*.ts'],
    ignores: ['addin/excel.ts'],
    rules: { 'no-restricted-globals': ['error', 'Excel', 'Office'] },
  },
  {
    // The pane bundle stays small: the core's modules, not shared/index (which builds the zod schemas).
    files: ['addin/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', {
        paths: [{ name: 'zod', message: 'the pane does not parse with zod', allowTypeImports: true }],
        patterns: [{ regex: '/shared(/index)?$', message: 'import the core module itself (shared/validate, shared/config…)', allowTypeImports: true }],
      }],
    },
  },
);
