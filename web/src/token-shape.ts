/**
 * The municipality (tenant) a token names in clear: tokens are `ppt_<tenant>_<secret>`. The same rule as
 * `tenantOf` in functions/auth/tokens.ts, which the page may not import (it needs node:crypto);
 * tests/web/token-shape.test.ts checks that the two agree. Only the server knows whether a token is valid.
 */
const PREFIX = 'ppt_';
const TENANT = /^[a-z0-9][a-z0-9-]{0,39}$/;

export function tenantOfToken(token: string): string | null {
  if (!token.startsWith(PREFIX)) return null;
  const rest = token.slice(PREFIX.length);
  const cut = rest.indexOf('_');
  if (cut <= 0) return null;
  const tenant = rest.slice(0, cut);
  return TENANT.test(tenant) && rest.length - cut > 20 ? tenant : null;
}
