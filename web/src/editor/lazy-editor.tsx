/** The editor, loaded in a chunk of its own when a model opens: the page's first JavaScript stays within its budget. */
import type { ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { ModelVersion } from '../api.js';

type EditorProps = { model: ModelVersion; onSaved: (saved: ModelVersion) => void };

let loading: Promise<ComponentType<EditorProps>> | null = null;

export function EditorSlot(props: EditorProps) {
  const [Editor, setEditor] = useState<ComponentType<EditorProps> | null>(null);
  useEffect(() => {
    let live = true;
    loading ??= import('./editor.js').then((m) => m.ModelEditor);
    void loading.then((c) => live && setEditor(() => c));
    return () => {
      live = false;
    };
  }, []);
  return Editor ? <Editor {...props} /> : null;
}
