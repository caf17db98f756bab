// ESLint flat config. typescript-eslint runs without type information: it needs the TypeScript compiler
// API, which TypeScript 7 does not ship, so `typescript` is the TS 6 API package and `tsc` comes from
// `@typescript/native` (TypeScript 7). Type errors are `npm run typecheck`'s job.
import { builtinModules } from 'node:module'
import js from '@eslint/js'
import reactHooks from 'eslint-plugin-react-hooks'
import globals from 'globals'
import { defineConfig } from 'eslint/config'
import tseslint from 'typescript-eslint'

const TESTS = ['**/*.test.ts', '**/*.test.tsx', '**/testing/**']
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
  // The layer rules. Tests beside the code may use Node and stand in for Electron; the rules are about what ships.
  {
    files: ['src-main/**'],
    ignores: [...TESTS, 'src-main/electron/**'],
    rules: { 'no-restricted-imports': restrictImports(ELECTRON) }
  },
  {
    files: ['src-shared/**'],
    ignores: TESTS,
    rules: {
      'no-restricted-imports': restrictImports(
        ELECTRON,
        NODE_BUILTINS,
        outside(['src-main', 'src-renderer', 'test', 'e2e'], 'src-shared must not import outside src-shared.')
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
        outside(['src-main', 'test', 'e2e'], 'The renderer must not import src-main.')
      )
    }
  }
)
