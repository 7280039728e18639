/**
 * Security headers on every answer, problems included. Everything the pages load comes from this origin
 * (architecture.md: nothing from a CDN), so the Content-Security-Policy allows 'self' only. Swagger UI's
 * stylesheet draws its icons as data: images, hence `img-src data:`. No style or script is inline: Swagger UI
 * (BaseLayout, without the standalone preset, whose logo carries a <style>) sets its styles through the DOM,
 * which style-src does not govern; checked in headless Chromium with a report-uri, loading /docs and expanding an
 * operation: no violation. Nothing needs eval.
 */
import type { MiddlewareHandler } from 'hono';
import { secureHeaders } from 'hono/secure-headers';

export function securityHeaders(): MiddlewareHandler {
  return secureHeaders({
    contentSecurityPolicy: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      styleSrc: ["'self'"],
      imgSrc: ["'self'", 'data:'],
      fontSrc: ["'self'"],
      connectSrc: ["'self'"],
      objectSrc: ["'none'"],
      baseUri: ["'self'"],
      formAction: ["'self'"],
      frameAncestors: ["'none'"],
    },
    xFrameOptions: 'DENY',
    referrerPolicy: 'no-referrer',
  });
}
