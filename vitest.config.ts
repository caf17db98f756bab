import { defineConfig } from 'vitest/config'

// Playwright specs live in e2e/ and must not be collected by vitest.
export default defineConfig({
  test: {
    include: ['test/**/*.test.{ts,tsx}'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks'
  }
})
