// ESLint for bugs, Prettier (.prettierrc.json) for layout: no rule here is about formatting.
// `npm run lint` (Prettier check, ESLint, scripts/check-file-length.mjs); `npm run lint -- --fix` and
// `npm run format` fix what they can. docs/tooling.md says why this pair and what it costs.
import js from '@eslint/js';
import lit from 'eslint-plugin-lit';
import wc from 'eslint-plugin-wc';
import { defineConfig } from 'eslint/config';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default defineConfig(
  { ignores: ['dist/', 'coverage/', 'test-results/', '.wtr-cache/', 'test/fixtures/', 'docs/screenshots/'] },
  js.configs.recommended,
  tseslint.configs.recommended,
  lit.configs['flat/recommended'],
  wc.configs['flat/best-practice'],
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    settings: { wc: { elementBaseClasses: ['LitElement'] } },
    rules: {
      'max-lines': ['error', { max: 400 }],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none', ignoreRestSiblings: true },
      ],
      '@typescript-eslint/no-unused-expressions': ['error', { allowShortCircuit: true, allowTernary: true }],
      // Lit mistakes beyond the plugin's recommended set: each is a rendering or update bug.
      'lit/lifecycle-super': 'error',
      'lit/no-classfield-shadowing': 'error',
      'lit/no-value-attribute': 'error',
      'lit/attribute-names': 'error',
      'lit/no-invalid-escape-sequences': 'error',
      'lit/no-this-assign-in-render': 'error',
      'lit/no-template-bind': 'error',
      'lit/no-native-attributes': 'error',
      // LitElement defines every lifecycle callback, so an unguarded super call is safe.
      'wc/guard-super-call': 'off',
    },
  },
  {
    // Type-aware rules (TypeScript's own program; most of the lint time): unhandled promises.
    files: ['**/*.ts', '**/*.tsx'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': [
        'error',
        {
          // node:test runs these whether or not their promise is awaited.
          allowForKnownSafeCalls: [
            { from: 'package', package: 'node:test', name: ['describe', 'it', 'test', 'suite', 'before', 'after'] },
          ],
        },
      ],
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/await-thenable': 'error',
    },
  },
  {
    files: ['test/**'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    // @open-wc/semantic-dom-diff types chai's `.equal` as a Promise, and chai asserts through
    // property reads (`.to.exist`): both rules would flag every assertion.
    files: ['test/browser/**'],
    rules: { '@typescript-eslint/no-floating-promises': 'off', '@typescript-eslint/no-unused-expressions': 'off' },
  },
);
