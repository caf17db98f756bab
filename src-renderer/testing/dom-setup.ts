import { configure } from '@testing-library/dom'
// One setup for every vitest file: React Flow measures its container, and jsdom has no ResizeObserver.
if (typeof globalThis.ResizeObserver === 'undefined') {
  globalThis.ResizeObserver = class {
    observe() {}
    unobserve() {}
    disconnect() {}
  } as unknown as typeof ResizeObserver
}

// The renderer tests talk to a real API service over real files; on a loaded two-core machine an answer can
// take longer than testing-library's one-second default, which only makes a passing test flaky.
configure({ asyncUtilTimeout: 10_000 })
