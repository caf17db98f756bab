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
// e2e/kit/ is the test kit that needs Node (fixture paths, run files on disk, the oracle, the fake API): tests of every
// layer may use it, but nothing else of e2e/.
const E2E_BUT_KIT = (message) => ({ paths: [], patterns: [{ regex: '(^|/)e2e/(?!kit/)', message }] })
const KIT = (message) => outside(['e2e/kit'], message)
const SHARED_ONLY = outside(['src-main', 'src-renderer', 'e2e'], 'src-shared must not import outside src-shared.')
const NOT_MAIN = outside(['src-main', 'e2e'], 'The renderer must not import src-main or e2e/.')
const SHARED_TEST_IMPORTS = [
  outside(['src-main', 'src-renderer'], 'src-shared tests must not import outside src-shared (but the test kit).'),
  E2E_BUT_KIT('src-shared tests may import only the test kit (e2e/kit/) from e2e/.')
]
const RENDERER_TEST_IMPORTS = [
  outside(['src-main'], 'The renderer must not import src-main.'),
  E2E_BUT_KIT('Renderer tests may import only the test kit (e2e/kit/) from e2e/.')
]

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
  // The layer rules. What ships keeps them strictly and never imports test support (testing/ folders, e2e/kit/).
  // src-shared imports nothing outside src-shared and the renderer nothing from src-main, tests and testing/ folders
  // included. Tests may use Node built-ins and the test kit (e2e/kit/, which imports only src-shared), and so may
  // the renderer's testing/ folders; src-shared's testing/ folders are pure. Tests that join the renderer to the
  // real main side live in e2e/in-process/.
  {
    files: ['src-main/**'],
    ignores: [...TESTS, 'src-main/electron/**'],
    rules: {
      'no-restricted-imports': restrictImports(ELECTRON, TEST_SUPPORT, KIT('Only tests may import the test kit.'))
    }
  },
  {
    files: ['src-main/electron/**'],
    ignores: TESTS,
    rules: { 'no-restricted-imports': restrictImports(TEST_SUPPORT, KIT('Only tests may import the test kit.')) }
  },
  {
    files: ['e2e/kit/**'],
    rules: {
      'no-restricted-imports': restrictImports(
        ELECTRON,
        outside(['src-main', 'src-renderer'], 'The test kit imports only src-shared and itself.')
      )
    }
  },
  {
    files: ['src-shared/**'],
    ignores: TESTS,
    rules: { 'no-restricted-imports': restrictImports(ELECTRON, NODE_BUILTINS, TEST_SUPPORT, SHARED_ONLY) }
  },
  {
    files: TESTING_FOLDERS.map((folder) => `src-shared/${folder}`),
    rules: { 'no-restricted-imports': restrictImports(ELECTRON, NODE_BUILTINS, SHARED_ONLY) }
  },
  {
    files: TEST_FILES.map((file) => `src-shared/${file}`),
    rules: { 'no-restricted-imports': restrictImports(ELECTRON, ...SHARED_TEST_IMPORTS) }
  },
  {
    files: ['src-renderer/**'],
    ignores: TESTS,
    rules: { 'no-restricted-imports': restrictImports(ELECTRON, NODE_BUILTINS, TEST_SUPPORT, NOT_MAIN) }
  },
  {
    files: TESTING_FOLDERS.map((folder) => `src-renderer/${folder}`),
    rules: { 'no-restricted-imports': restrictImports(ELECTRON, NODE_BUILTINS, ...RENDERER_TEST_IMPORTS) }
  },
  {
    files: TEST_FILES.map((file) => `src-renderer/${file}`),
    rules: { 'no-restricted-imports': restrictImports(ELECTRON, ...RENDERER_TEST_IMPORTS) }
  }
)
