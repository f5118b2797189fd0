// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';

export default tseslint.config(
  { ignores: ['.output/**', '.wxt/**', 'node_modules/**', 'tests/e2e/editors/dist/**', 'test-results/**', 'bench-results/**', 'demo-screenshots/**', '.scratch*'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['components/**', 'entrypoints/panel/**', 'entrypoints/options/**', 'lib/panel/**'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'warn',
    },
  },
  {
    files: ['**/*.{ts,tsx}'],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      '@typescript-eslint/no-explicit-any': 'error',
      'no-restricted-syntax': [
        'error',
        { selector: "CallExpression[callee.property.name='postMessage'][callee.object.name='window']", message: 'Use runtime messaging, never window.postMessage (architecture.md).' },
      ],
    },
  },
  {
    // Content scripts run in the platform's origin: IndexedDB there belongs to the platform.
    files: ['entrypoints/*.content/**', 'lib/content/**', 'lib/platforms/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['dexie', 'dexie-*', '**/lib/db/**', '../db/**', '../../db/**'], message: 'Content scripts must never open the database.' },
            { group: ['react', 'react-dom', 'react-dom/*'], message: 'Content scripts carry no React (bundle budget, and no UI in the page).' },
          ],
        },
      ],
      'no-restricted-globals': ['error', { name: 'indexedDB', message: 'Content scripts must never touch IndexedDB.' }],
    },
  },
);
