/**
 * The draft of the model on screen, for other parts of the page (the live preview) without loading the editor's
 * code: `validDraft` is the parsed model while the draft is valid, null otherwise or when no editor is open.
 */
import { signal } from '@preact/signals';
import type { Model } from '../../../simulation/schema.js';

export const validDraft = signal<Model | null>(null);
/** True while the draft differs from the saved version on screen. */
export const draftDirty = signal(false);
