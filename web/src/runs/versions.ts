/**
 * Saved model versions, fetched once each: a version never changes, and a list of runs names the same few
 * versions again and again. Forgotten when the token changes, since another token may be another municipality.
 */
import { effect } from '@preact/signals';
import { api, token, type ModelVersion } from '../api.js';

const cache = new Map<string, Promise<ModelVersion>>();

effect(() => {
  void token.value;
  cache.clear();
});

export function modelVersion(id: string, version: number): Promise<ModelVersion> {
  const key = `${id}/${version}`;
  let found = cache.get(key);
  if (!found) {
    found = api.getModelVersion(id, version);
    // A failed fetch (a dropped connection) is tried again next time rather than remembered.
    found.catch(() => cache.delete(key));
    cache.set(key, found);
  }
  return found;
}
