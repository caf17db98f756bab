import { defineConfig } from 'vitest/config'

// Unit tests sit beside the code they test (*.test.ts). Playwright specs live in e2e/ and must not be collected by vitest.
export default defineConfig({
  test: {
    include: ['src-shared/**/*.test.{ts,tsx}', 'src-main/**/*.test.{ts,tsx}', 'src-renderer/**/*.test.{ts,tsx}'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks'
  }
})
