/**
 * Moves the focus to a screen's heading when the screen appears, so that after a change of screen a keyboard
 * user goes on from the top of the new content and a screen reader reads where they are, instead of the focus
 * falling back to the document when the button that was pressed disappears. The heading needs tabIndex={-1}.
 */
import { useEffect, useRef } from 'preact/hooks';

export function useFocusOnShow<T extends HTMLElement>(deps: unknown[] = []) {
  const ref = useRef<T>(null);
  useEffect(() => ref.current?.focus(), deps);
  return ref;
}
