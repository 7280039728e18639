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

/**
 * Removes what the pressed button belongs to and keeps the keyboard's place: the focus goes to the nearest list
 * or section around the button that is still there after the removal (a section's summary, else the list's
 * fieldset, which a screen reader announces by its legend), instead of falling back to the document.
 */
export function removeKeepingFocus(e: Event, remove: () => void): void {
  const around: HTMLElement[] = [];
  for (let el = (e.currentTarget as HTMLElement | null)?.parentElement; el; el = el.parentElement)
    if (el instanceof HTMLFieldSetElement || el instanceof HTMLDetailsElement) around.push(el);
  remove();
  // After the render that removes the item: what is left of its ancestors is known only then.
  requestAnimationFrame(() => {
    const home = around.find((el) => el.isConnected);
    if (home instanceof HTMLDetailsElement) home.querySelector('summary')?.focus();
    else if (home) {
      home.tabIndex = -1;
      home.focus();
    }
  });
}
