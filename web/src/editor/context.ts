/** The draft that every field of the editor reads and writes, handed down without threading it through props. */
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { Draft } from './draft.js';

export const DraftContext = createContext<Draft | null>(null);

export function useDraft(): Draft {
  const d = useContext(DraftContext);
  if (!d) throw new Error('an editor field outside the editor');
  return d;
}
