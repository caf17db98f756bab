import { defineConfig } from 'vitest/config'

// Unit tests sit beside the code they test (*.test.ts); the tests that join the renderer to the real main side
// live in e2e/in-process/ (the `app` project); Playwright specs (*.spec.ts) live in e2e/ and are not collected
// here. Projects split the suite by speed: `npm run test:fast` runs core + renderer (no CLI, service or runner
// processes), the full `vitest run` runs all four. The tests wait on child processes and sockets far more than
// they compute, so three workers keep two cores busy. Renderer tests pick jsdom per file (`@vitest-environment`).
const shared = {
  testTimeout: 60_000,
  hookTimeout: 60_000,
  // Every test hashes with node:crypto, as the main side does (the pure-JS default is several times slower on big
  // runs, and the e2e tests exercise it in a real browser). The main side's own plug is the one used, so the
  // digests the Python oracle checks come from the code that ships.
  setupFiles: ['src-renderer/testing/dom-setup.ts', 'src-main/store/node-hash.ts']
}

export default defineConfig({
  test: {
    pool: 'forks',
    maxWorkers: 3,
    projects: [
      { extends: true, test: { ...shared, name: 'core', include: ['src-shared/**/*.test.{ts,tsx}'] } },
      { extends: true, test: { ...shared, name: 'renderer', include: ['src-renderer/**/*.test.{ts,tsx}'] } },
      { extends: true, test: { ...shared, name: 'main', include: ['src-main/**/*.test.{ts,tsx}'] } },
      {
        extends: true,
        test: { ...shared, name: 'app', include: ['e2e/in-process/**/*.test.{ts,tsx}', 'e2e/kit/**/*.test.ts'] }
      }
    ]
  }
})
