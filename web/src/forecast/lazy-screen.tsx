/** The year-end forecast screen loads when first opened: it brings the model schema and the engine's scenarios. */
import type { ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';

export function YearEndLazy({ id }: { id: string }) {
  const [Screen, setScreen] = useState<ComponentType<{ id: string }> | null>(null);
  useEffect(() => {
    let live = true;
    void import('./year-end-screen.js').then((m) => live && setScreen(() => m.YearEndScreen));
    return () => {
      live = false;
    };
  }, []);
  return Screen ? <Screen id={id} /> : null;
}
