/**
 * The Content-Security-Policy CloudFront adds to the page, the same directives functions/http/security.ts sends
 * from the app (everything from this origin, nothing from a CDN). A test compares the two, so they cannot drift.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');
