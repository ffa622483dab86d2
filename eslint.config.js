// Lint: ESLint's and typescript-eslint's recommended rules (syntactic, not type-aware), the
// project's security rules (no eval or new Function, no HTML strings) and the architecture's
// dependency direction, per folder (ARCHITECTURE.md):
//   core ← protocol ← (workers, client) ← controllers ← components;  render ← (controllers, components)
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/** The numeric core's training code: the worker runs it, the page never does. */
const TRAINING_CODE = [
  '**/core/trainer*',
  '**/core/backprop*',
  '**/core/momentum*',
  '**/core/gradient-check*',
  '**/core/kernels*',
  '**/core/workspace*',
  '**/core/wasm/**',
];
/** The worker's modules; the page may only name the worker's entry (to start it). */
const WORKER_CODE = ['**/workers/**', '!**/workers/trainer.worker*'];

/** no-restricted-imports for one folder */
const restrict = (files, patterns, message) => ({
  files,
  rules: {
    'no-restricted-imports': ['error', { patterns: [{ group: patterns, message }] }],
  },
});

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'dist-demo/**',
      'dist-bench/**',
      'node_modules/**',
      'test-results/**',
      'playwright-report/**',
      'bench/results/**',
      // AssemblyScript (decorators on functions, its own types): compiled and checked by asc
      'assembly/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      ecmaVersion: 2022,
      sourceType: 'module',
      globals: { console: 'readonly', process: 'readonly', URL: 'readonly' },
    },
    rules: {
      'no-eval': 'error',
      'no-implied-eval': 'error',
      'no-new-func': 'error',
      'no-restricted-properties': [
        'error',
        { property: 'innerHTML', message: 'No innerHTML: use Lit templates or textContent.' },
        { property: 'outerHTML', message: 'No outerHTML: use Lit templates or textContent.' },
        { property: 'insertAdjacentHTML', message: 'No HTML strings: use Lit templates.' },
      ],
      'no-restricted-globals': ['error', { name: 'Function', message: 'No new Function: it breaks a strict CSP.' }],
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: { module: 'writable', require: 'readonly' } },
  },
  {
    files: ['scripts/**/*.mjs', 'eslint.config.js'],
    rules: { '@typescript-eslint/consistent-type-imports': 'off' },
  },
  restrict(
    ['src/core/**/*.ts'],
    [
      'lit',
      'lit/*',
      'regl',
      'comlink',
      '**/protocol/**',
      '**/components/**',
      '**/client/**',
      '**/controllers/**',
      '**/render/**',
      '**/workers/**',
    ],
    'src/core is pure numerics: no DOM, no worker, no UI imports.',
  ),
  restrict(
    ['src/protocol/**/*.ts'],
    [
      'lit',
      'lit/*',
      'regl',
      'comlink',
      '**/client/**',
      '**/components/**',
      '**/controllers/**',
      '**/render/**',
      '**/workers/**',
    ],
    'src/protocol is the DOM-free contract: it may import core types only.',
  ),
  restrict(
    ['src/render/**/*.ts'],
    [
      'lit',
      'lit/*',
      'comlink',
      '**/client/**',
      '**/components/**',
      '**/controllers/**',
      '**/workers/**',
      ...TRAINING_CODE,
    ],
    'src/render draws with regl: no Lit, no worker, no training code.',
  ),
  restrict(
    ['src/client/**/*.ts'],
    ['lit', 'lit/*', 'regl', '**/components/**', '**/controllers/**', '**/render/**', ...WORKER_CODE, ...TRAINING_CODE],
    "src/client is the page's side of the worker: no Lit, no drawing, no training code.",
  ),
  restrict(
    ['src/components/**/*.ts', 'src/controllers/**/*.ts'],
    [...WORKER_CODE, ...TRAINING_CODE],
    'The page draws; the worker trains: components and controllers see snapshot types, not training code.',
  ),
  restrict(
    ['workers/**/*.ts'],
    ['lit', 'lit/*', 'regl', '**/client/**', '**/components/**', '**/controllers/**', '**/render/**'],
    'The worker uses src/core and src/protocol only.',
  ),
  {
    files: ['**/*.test.ts', '**/*.browser.test.ts', 'e2e/**/*.ts', 'bench/**/*.ts'],
    rules: { 'no-restricted-imports': 'off', '@typescript-eslint/no-non-null-assertion': 'off' },
  },
);
