// ESLint flat config. typescript-eslint runs without type information: it needs the TypeScript compiler
// API, which TypeScript 7 does not ship, so `typescript` is the TS 6 API package and `tsc` comes from
// `@typescript/native` (TypeScript 7). Type errors are `npm run typecheck`'s job.
import { builtinModules } from 'node:module'
import js from '@eslint/js'
import reactHooks from 'eslint-plugin-react-hooks'
import globals from 'globals'
import { defineConfig } from 'eslint/config'
import tseslint from 'typescript-eslint'

const TEST_FILES = ['**/*.test.ts', '**/*.test.tsx']
const TESTING_FOLDERS = ['**/testing/**']
const TESTS = [...TEST_FILES, ...TESTING_FOLDERS]
const TEST_CODE = [...TESTS, 'e2e/**']

const NODE_BUILTINS = {
  paths: builtinModules.map((name) => ({ name, message: 'src-shared and the renderer must not use Node built-ins.' })),
  patterns: [{ group: ['node:*'], message: 'src-shared and the renderer must not use Node built-ins.' }]
}
const ELECTRON = {
  paths: [{ name: 'electron', message: "Only src-main/electron/ may import 'electron'." }],
  patterns: [{ group: ['electron/*'], message: "Only src-main/electron/ may import 'electron'." }]
}
const outside = (folders, message) => ({
  paths: [],
  patterns: [{ group: folders.map((folder) => `**/${folder}/**`), message }]
})
// Test support (testing/ folders) is for tests only.
const TEST_SUPPORT = {
  paths: [],
  patterns: [
    { regex: '(^|/)testing/', message: 'Only *.test.* files and testing/ folders may import test support (testing/).' }
  ]
}
// A relative import through a folder named node/: in src-shared that is src-shared/testing/node/, the test kit that uses Node.
const NODE_TEST_KIT = {
  paths: [],
  patterns: [
    {
      regex: '^\\.\\.?/(.*/)?node/',
      message: "src-shared's pure testing/ folders must not import the Node test kit (src-shared/testing/node/)."
    }
  ]
}
const SHARED_ONLY = outside(['src-main', 'src-renderer', 'e2e'], 'src-shared must not import outside src-shared.')
const NOT_MAIN = outside(['src-main', 'e2e'], 'The renderer must not import src-main or e2e/.')

/** One rule entry from several restrictions (a later config block replaces a rule's options, it does not merge them). */
function restrictImports(...restrictions) {
  return [
    'error',
    {
      paths: restrictions.flatMap((restriction) => restriction.paths),
      patterns: restrictions.flatMap((restriction) => restriction.patterns)
    }
  ]
}

export default defineConfig(
  {
    ignores: [
      'out/',
      'dist/',
      'node_modules/',
      'test-results/',
      'playwright-report/',
      '.ci/artifacts/',
      '.bench/',
      'resources/'
    ]
  },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    languageOptions: { globals: { ...globals.node } },
    rules: {
      // The type-checker already reports these, with noUnusedLocals and noUnusedParameters.
      '@typescript-eslint/no-unused-vars': 'off',
      // Stripping control characters from untrusted text before it reaches a terminal is the point of these regexes.
      'no-control-regex': 'off'
    }
  },
  {
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' }
  },
  {
    files: TEST_CODE,
    rules: {
      // Tests poke at loosely shaped JSON and SDK internals.
      '@typescript-eslint/no-explicit-any': 'off',
      // Playwright fixtures must destructure their first argument, even when they use none of it.
      'no-empty-pattern': 'off'
    }
  },
  {
    files: ['src-renderer/**/*.{ts,tsx}'],
    ...reactHooks.configs.flat['recommended-latest'],
    languageOptions: { globals: { ...globals.browser } }
  },
  // The layer rules. What ships keeps them strictly and never imports test support. src-shared imports nothing
  // outside src-shared and the renderer nothing from src-main, tests and testing/ folders included. Tests may use
  // Node built-ins, and so may src-shared/testing/node/, the test kit that needs Node; src-shared's other testing/
  // folders are pure and do not import that kit. Tests that join the renderer to the real main side live in
  // e2e/in-process/.
  {
    files: ['src-main/**'],
    ignores: [...TESTS, 'src-main/electron/**'],
    rules: { 'no-restricted-imports': restrictImports(ELECTRON, TEST_SUPPORT) }
  },
  {
    files: ['src-main/electron/**'],
    ignores: TESTS,
    rules: { 'no-restricted-imports': restrictImports(TEST_SUPPORT) }
  },
  {
    files: ['src-shared/**'],
    ignores: TESTS,
    rules: { 'no-restricted-imports': restrictImports(ELECTRON, NODE_BUILTINS, TEST_SUPPORT, SHARED_ONLY) }
  },
  {
    files: TESTING_FOLDERS.map((folder) => `src-shared/${folder}`),
    ignores: ['src-shared/testing/node/**'],
    rules: { 'no-restricted-imports': restrictImports(ELECTRON, NODE_BUILTINS, NODE_TEST_KIT, SHARED_ONLY) }
  },
  {
    files: ['src-shared/testing/node/**', ...TEST_FILES.map((file) => `src-shared/${file}`)],
    rules: { 'no-restricted-imports': restrictImports(ELECTRON, SHARED_ONLY) }
  },
  {
    files: ['src-renderer/**'],
    ignores: TESTS,
    rules: { 'no-restricted-imports': restrictImports(ELECTRON, NODE_BUILTINS, TEST_SUPPORT, NOT_MAIN) }
  },
  {
    files: TESTING_FOLDERS.map((folder) => `src-renderer/${folder}`),
    rules: { 'no-restricted-imports': restrictImports(ELECTRON, NODE_BUILTINS, NOT_MAIN) }
  },
  {
    files: TEST_FILES.map((file) => `src-renderer/${file}`),
    rules: { 'no-restricted-imports': restrictImports(ELECTRON, NOT_MAIN) }
  }
)
