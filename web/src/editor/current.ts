/**
 * The draft of the model on screen, for other parts of the page (the live preview) without loading the editor's
 * code: `validDraft` is the parsed model while the draft is valid, null otherwise or when no editor is open;
 * `draftModel` what the draft holds, valid or not (undefined when no editor is open), so that the preview can say
 * the draft is invalid instead of showing the saved model's numbers as if they were the draft's.
 */
import { signal } from '@preact/signals';
import type { Model } from '../../../simulation/schema.js';

export const validDraft = signal<Model | null>(null);
export const draftModel = signal<unknown>(undefined);
/** True while the draft differs from the saved version on screen. */
export const draftDirty = signal(false);
