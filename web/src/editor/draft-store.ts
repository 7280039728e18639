/**
 * Unsaved drafts kept in this browser (localStorage), one per model and base version, so a reload, a closed tab
 * or a crash loses nothing typed. Only a draft that differs from its base is kept; a save removes it.
 */
export interface StoredDraft {
  modelId: string;
  baseVersion: number;
  savedAt: string;
  model: unknown;
}

const PREFIX = 'pp.draft.';
const keyOf = (modelId: string, version: number) => `${PREFIX}${modelId}@${version}`;

export function storeDraft(modelId: string, baseVersion: number, model: unknown, now = new Date()): void {
  const entry: StoredDraft = { modelId, baseVersion, savedAt: now.toISOString(), model };
  try {
    localStorage.setItem(keyOf(modelId, baseVersion), JSON.stringify(entry));
  } catch {
    // A full or disabled storage must not stop the editing; the draft lives on in the page.
  }
}

export function forgetDrafts(modelId: string): void {
  for (const key of keysOf(modelId)) localStorage.removeItem(key);
}

function keysOf(modelId: string): string[] {
  const keys: string[] = [];
  for (let i = 0; i < localStorage.length; i++) {
    const k = localStorage.key(i);
    if (k?.startsWith(`${PREFIX}${modelId}@`)) keys.push(k);
  }
  return keys;
}

/** The latest unsaved draft of the model, whichever version it was based on. */
export function findDraft(modelId: string): StoredDraft | null {
  let best: StoredDraft | null = null;
  for (const key of keysOf(modelId)) {
    try {
      const d = JSON.parse(localStorage.getItem(key) ?? '') as StoredDraft;
      if (d && typeof d.savedAt === 'string' && (!best || d.savedAt > best.savedAt)) best = d;
    } catch {
      localStorage.removeItem(key);
    }
  }
  return best;
}
