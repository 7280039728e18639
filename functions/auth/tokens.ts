/**
 * Bearer tokens per tenant. A token names its tenant in clear (so the lookup is tenant-first) and carries 32
 * random bytes; only its SHA-256 hash is stored.
 */
import { newId } from '../ids.js';
import { createHash, randomBytes } from 'node:crypto';
import type { Role, Store, TokenRecord } from '../store/port.js';

export const TENANT_PATTERN = /^[a-z0-9][a-z0-9-]{0,39}$/;
const PREFIX = 'ppt_';

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** The tenant a token claims, or null for something that is not one of our tokens. */
export function tenantOf(token: string): string | null {
  if (!token.startsWith(PREFIX)) return null;
  const rest = token.slice(PREFIX.length);
  const cut = rest.indexOf('_');
  if (cut <= 0) return null;
  const tenant = rest.slice(0, cut);
  return TENANT_PATTERN.test(tenant) && rest.length - cut > 20 ? tenant : null;
}

export async function createToken(
  store: Store,
  tenant: string,
  role: Role,
  now: Date,
  label?: string,
): Promise<{ token: string; record: TokenRecord }> {
  if (!TENANT_PATTERN.test(tenant)) throw new RangeError('tenant: use 1-40 characters a-z, 0-9 and "-", starting with a letter or digit');
  const token = `${PREFIX}${tenant}_${randomBytes(32).toString('base64url')}`;
  const record: TokenRecord = { tenant, tokenId: newId(now), role, createdAt: now.toISOString(), ...(label ? { label } : {}) };
  await store.putToken(record, hashToken(token));
  return { token, record };
}

/** The live token record for a presented bearer token, or null. */
export async function authenticate(store: Store, token: string): Promise<TokenRecord | null> {
  const tenant = tenantOf(token);
  if (tenant === null) return null;
  return store.findToken(tenant, hashToken(token));
}

const RANK: Record<Role, number> = { viewer: 0, editor: 1, admin: 2 };

export function allows(role: Role, needed: Role): boolean {
  return RANK[role] >= RANK[needed];
}
