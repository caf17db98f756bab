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
// Test support (testing/ folders, above all src-main/testing/, the home of the Node-using support) is for tests only.
const TEST_SUPPORT = {
  paths: [],
  patterns: [
    { regex: '(^|/)testing/', message: 'Only *.test.* files and testing/ folders may import test support (testing/).' }
  ]
}
// Tests in src-shared and the renderer run under Node in vitest; they reach the main side only through its test support.
const MAIN_EXCEPT_TEST_SUPPORT = {
  paths: [],
  patterns: [
    {
      regex: '(^|/)src-main/(?!testing/)',
      message: 'Tests outside src-main may import only src-main/testing/ (the test-support home) from src-main.'
    }
  ]
}

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
  // The layer rules. What ships keeps them strictly and never imports test support. A layer's testing/ folders hold
  // its fakes and keep its rules too, except that they may use src-main/testing/, where test support that needs
  // Node lives. The *.test.* files run under Node: they may use Node built-ins and src-main/testing/.
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
    rules: {
      'no-restricted-imports': restrictImports(
        ELECTRON,
        NODE_BUILTINS,
        TEST_SUPPORT,
        outside(['src-main', 'src-renderer', 'e2e'], 'src-shared must not import outside src-shared.')
      )
    }
  },
  {
    files: TESTING_FOLDERS.map((folder) => `src-shared/${folder}`),
    rules: {
      'no-restricted-imports': restrictImports(
        ELECTRON,
        NODE_BUILTINS,
        outside(
          ['src-main', 'src-renderer', 'e2e'],
          "src-shared's testing/ folders are pure too; test support that needs Node lives in src-main/testing/."
        )
      )
    }
  },
  {
    files: TEST_FILES.map((file) => `src-shared/${file}`),
    rules: {
      'no-restricted-imports': restrictImports(
        ELECTRON,
        MAIN_EXCEPT_TEST_SUPPORT,
        outside(['src-renderer', 'e2e'], 'src-shared tests must not import the renderer or e2e/.')
      )
    }
  },
  {
    files: ['src-renderer/**'],
    ignores: TESTS,
    rules: {
      'no-restricted-imports': restrictImports(
        ELECTRON,
        NODE_BUILTINS,
        TEST_SUPPORT,
        outside(['src-main', 'e2e'], 'The renderer must not import src-main.')
      )
    }
  },
  {
    files: TESTING_FOLDERS.map((folder) => `src-renderer/${folder}`),
    rules: {
      'no-restricted-imports': restrictImports(
        ELECTRON,
        NODE_BUILTINS,
        MAIN_EXCEPT_TEST_SUPPORT,
        outside(['e2e'], 'Renderer test support must not import e2e/.')
      )
    }
  },
  {
    files: TEST_FILES.map((file) => `src-renderer/${file}`),
    rules: {
      'no-restricted-imports': restrictImports(
        ELECTRON,
        MAIN_EXCEPT_TEST_SUPPORT,
        outside(['e2e'], 'Renderer tests must not import e2e/.')
      )
    }
  }
)
