// Every vitest file hashes with node:crypto, as the main side does: several times faster than the pure-JS
// default on big runs. The renderer's default is exercised by the e2e tests in a real browser.
import '../store/node-hash'
