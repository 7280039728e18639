/**
 * Bearer tokens per tenant. A token names its tenant in clear (so the lookup is tenant-first) and carries 32
 * random bytes; only its SHA-256 hash is stored.
 */
import { newId } from '../ids.js';
import { createHash, randomBytes } from 'node:crypto';
import { isConnectionError } from '../store/client.js';
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

/**
 * The live token record for a presented bearer token, or null. With `recent`, a token the store confirmed a
 * moment ago is taken as it is, and one it confirmed within the last minute is still accepted while the store
 * cannot be reached (see RecentTokens).
 */
export async function authenticate(store: Store, token: string, recent?: RecentTokens): Promise<TokenRecord | null> {
  const tenant = tenantOf(token);
  if (tenant === null) return null;
  const hash = hashToken(token);
  const load = () => store.findToken(tenant, hash);
  return recent ? recent.confirm(hash, load) : load();
}

/**
 * Tokens the store confirmed lately, by the hash of their secret.
 *
 * - Within `freshMs` of its confirmation a token is taken without waiting for the store: a spreadsheet or 50
 *   clients polling a result then cost no table read per request. In the last `aheadMs` of that time the store
 *   is asked again in the background, once for all requests, so that a token in steady use never makes them
 *   wait for the table (before, every request in flight when 5 s had passed read the table, and all of them
 *   waited: bench:api's p99). A revocation through this server's API (forget()) takes effect at once; one made
 *   by another process on the same table (`npm run token -- revoke`) within `freshMs`.
 * - Within `ttlMs` it is still accepted while the store cannot be reached (DynamoDB Local restarting), so results
 *   held in memory (services/result-cache.ts) are served. During an outage the store cannot revoke anyway; a token
 *   revoked by another process just before one is accepted for at most `ttlMs` after it was last confirmed.
 *
 * Bounded in size; the oldest confirmation goes first.
 */
export class RecentTokens {
  private readonly confirmed = new Map<string, { record: TokenRecord; at: number }>();
  /** One question to the store per token at a time, shared by every request that needs its answer. */
  private readonly asking = new Map<string, Promise<TokenRecord | null>>();
  /** Counts forget() calls: an answer asked for before one is not remembered, as it may predate a revocation. */
  private forgets = 0;

  constructor(
    private readonly ttlMs = 60_000,
    private readonly maxEntries = 10_000,
    private readonly now: () => number = Date.now,
    private readonly freshMs = 5_000,
    private readonly aheadMs = 1_000,
  ) {}

  /** The token's record as `load` (the store) gives it, or as it was confirmed lately (see the class). */
  async confirm(hash: string, load: () => Promise<TokenRecord | null>): Promise<TokenRecord | null> {
    const entry = this.confirmed.get(hash);
    const age = entry ? this.now() - entry.at : Infinity;
    if (entry && age <= this.freshMs) {
      // Failures of a question asked ahead are met by the first request that has to wait for one.
      if (age > this.freshMs - this.aheadMs) this.ask(hash, load).catch(() => undefined);
      return entry.record;
    }
    try {
      return await this.ask(hash, load);
    } catch (err) {
      const known = isConnectionError(err) ? this.recall(hash) : undefined;
      if (known) return known;
      throw err;
    }
  }

  private ask(hash: string, load: () => Promise<TokenRecord | null>): Promise<TokenRecord | null> {
    const pending = this.asking.get(hash);
    if (pending) return pending;
    const asked = { at: this.now(), forgets: this.forgets };
    const answer = load()
      .then((record) => {
        if (asked.forgets === this.forgets) this.remember(hash, record, asked.at);
        return record;
      })
      .finally(() => {
        if (this.asking.get(hash) === answer) this.asking.delete(hash);
      });
    this.asking.set(hash, answer);
    return answer;
  }

  /**
   * What the store said of a token when asked at `at`: a record is remembered afresh, null (unknown or revoked)
   * forgets it.
   */
  remember(hash: string, record: TokenRecord | null, at = this.now()): void {
    this.confirmed.delete(hash);
    if (!record) return;
    this.confirmed.set(hash, { record, at });
    for (const key of this.confirmed.keys()) {
      if (this.confirmed.size <= this.maxEntries) break;
      this.confirmed.delete(key);
    }
  }

  /** Forgets a token that was revoked, so that its next request is refused at once. */
  forget(tenant: string, tokenId: string): void {
    // Questions already asked may predate the revocation: later requests ask again.
    this.forgets++;
    this.asking.clear();
    for (const [hash, { record }] of this.confirmed)
      if (record.tenant === tenant && record.tokenId === tokenId) this.confirmed.delete(hash);
  }

  /** The record the store confirmed within `ttlMs`, if any. */
  recall(hash: string): TokenRecord | undefined {
    const entry = this.confirmed.get(hash);
    if (!entry) return undefined;
    if (this.now() - entry.at > this.ttlMs) {
      this.confirmed.delete(hash);
      return undefined;
    }
    return entry.record;
  }
}

const RANK: Record<Role, number> = { viewer: 0, editor: 1, admin: 2 };

export function allows(role: Role, needed: Role): boolean {
  return RANK[role] >= RANK[needed];
}
