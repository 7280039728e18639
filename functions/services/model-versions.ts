/**
 * A model's version history for people: each version with who saved it in the words the tenant gave its tokens
 * ("Anna, controller"), not the token's id, which tells a reader nothing.
 */
import type { Page, Store } from '../store/port.js';

export interface VersionEntry {
  version: number;
  name: string;
  createdAt: string;
  /** The label of the token that saved the version; absent when the store does not know or the token has none. */
  savedBy?: string;
}

/** Newest first; null for a model the tenant does not have. */
export async function listVersions(
  store: Store,
  tenant: string,
  id: string,
  limit: number,
  cursor?: string,
): Promise<Page<VersionEntry> | null> {
  if (!(await store.getModelHead(tenant, id))) return null;
  const page = await store.listModelVersions(tenant, id, limit, cursor);
  // One read of the tenant's tokens for the page rather than one per version; revoked tokens keep their label.
  const labels = page.items.some((v) => v.savedBy !== undefined)
    ? new Map((await store.listTokens(tenant)).map((t) => [t.tokenId, t.label]))
    : new Map<string, string | undefined>();
  const items = page.items.map(({ savedBy, ...v }) => {
    const label = savedBy === undefined ? undefined : labels.get(savedBy);
    return label ? { ...v, savedBy: label } : v;
  });
  return page.cursor === undefined ? { items } : { items, cursor: page.cursor };
}
