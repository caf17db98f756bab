/**
 * The renderer's Content Security Policy, in one place. The renderer's index.html carries the same
 * policy in a <meta> tag (Electron loads it from file://, where no header can be sent); browser
 * mode also sends it as a header. Both must stay identical: test/shell checks that they do.
 *
 * Why each relaxation: 'unsafe-inline' styles because React Flow positions nodes with inline
 * style attributes; data: images for icons inlined by the bundler; blob: workers because graph
 * layout runs in a Web Worker that bundlers may hand over as a blob URL. No remote origin appears:
 * step payloads are untrusted, so nothing they contain may fetch from the network.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "manifest-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
  "object-src 'none'"
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
  'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), usb=(), serial=(), hid=(), bluetooth=()'
}
