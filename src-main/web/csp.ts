/**
 * The renderer's Content Security Policy. The renderer's index.html carries the same directives
 * in a <meta> tag; browser mode and the Electron app's app:// handler send this as a header,
 * adding the directives a <meta> tag cannot carry (frame-ancestors) or that the page never needs
 * (form-action). browser-server.test.ts checks that the two agree.
 *
 * Why each relaxation: 'unsafe-inline' styles because React Flow positions nodes with inline
 * style attributes; data: images for icons inlined by the bundler; blob: workers for the graph
 * layout worker. No remote origin appears: step payloads are untrusted, so nothing they contain
 * may fetch from the network.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'"
].join('; ')

/** Sent with every browser-mode response. */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  // The access token travels in the first URL; no-referrer keeps it out of any outgoing request.
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), usb=(), serial=(), hid=()'
}
