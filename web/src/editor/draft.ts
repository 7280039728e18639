/**
 * The model being edited: a signal that holds whatever the controller typed, valid or not (a field that is not a
 * number yet holds its text, so nothing typed is lost and the engine's schema names the field). Every change is
 * validated with the engine's own parseModel, the same as the API's, and can be undone and redone.
 */
import { computed, signal, type ReadonlySignal, type Signal } from '@preact/signals';
import { parseModel, ValidationError, type FieldIssue, type Model } from '../../../simulation/schema.js';
import { setAt, pathText, type Path } from './path.js';

/** Enough for the last changes of a session; older steps are dropped. */
const HISTORY = 200;

export interface Draft {
  readonly modelId: string;
  /** The saved version the draft was started from: If-Match of the next save. */
  readonly base: Signal<{ version: number; model: Model }>;
  /** The draft model as typed. */
  readonly value: Signal<unknown>;
  readonly issues: ReadonlySignal<FieldIssue[]>;
  /** The parsed model while the draft is valid, else null: what a preview may run and a save may send. */
  readonly valid: ReadonlySignal<Model | null>;
  readonly dirty: ReadonlySignal<boolean>;
  readonly canUndo: ReadonlySignal<boolean>;
  readonly canRedo: ReadonlySignal<boolean>;
  /** The issues whose path is exactly this one (`forms[2].dailyCost.min`). */
  issuesAt(path: string): FieldIssue[];
  /** The issues at or below a path (`forms[2]` holds `forms[2].dailyCost.min`). */
  issuesBelow(prefix: string): FieldIssue[];
  /** How many issues lie at or below a path, for the badge of a closed section. */
  issuesUnder(prefix: string): number;
  /** `also`: more paths that take the same value in the same step (a start month every effect shares). */
  set(path: Path, value: unknown, also?: Path[]): void;
  /** The whole model at once (a restored draft, a resolved conflict): one step to undo. */
  replace(next: unknown): void;
  undo(): void;
  redo(): void;
  /** A new base (after a save, or the other version of a conflict); the draft itself is kept unless given. */
  rebase(version: number, model: Model, draft?: unknown): void;
}

export function validate(value: unknown): { issues: FieldIssue[]; model: Model | null } {
  try {
    return { issues: [], model: parseModel(value) };
  } catch (e) {
    if (e instanceof ValidationError) return { issues: e.issues, model: null };
    // A draft so broken that a refinement throws is still reported, never a blank page.
    return { issues: [{ path: '', message: e instanceof Error ? e.message : String(e) }], model: null };
  }
}

export function createDraft(modelId: string, version: number, model: Model, initial: unknown = model): Draft {
  const base = signal({ version, model });
  const value = signal<unknown>(initial);
  const past = signal<unknown[]>([]);
  const future = signal<unknown[]>([]);
  // Keystrokes in one field are one step to undo, as in any text box; the next field starts a new step.
  let lastField: string | null = null;

  const checked = computed(() => validate(value.value));
  const byPath = computed(() => {
    const m = new Map<string, FieldIssue[]>();
    for (const i of checked.value.issues) m.set(i.path, [...(m.get(i.path) ?? []), i]);
    return m;
  });
  const baseText = computed(() => JSON.stringify(base.value.model));

  const push = (next: unknown, field: string | null) => {
    if (field === null || field !== lastField) past.value = [...past.value, value.value].slice(-HISTORY);
    future.value = [];
    lastField = field;
    value.value = next;
  };

  const issuesBelow = (prefix: string): FieldIssue[] =>
    checked.value.issues.filter((i) => i.path === prefix || i.path.startsWith(prefix + '.') || i.path.startsWith(prefix + '['));
  return {
    modelId,
    base,
    value,
    issues: computed(() => checked.value.issues),
    valid: computed(() => checked.value.model),
    dirty: computed(() => JSON.stringify(value.value) !== baseText.value),
    canUndo: computed(() => past.value.length > 0),
    canRedo: computed(() => future.value.length > 0),
    issuesAt: (path) => byPath.value.get(path) ?? [],
    issuesUnder: (prefix) => issuesBelow(prefix).length,
    issuesBelow,
    set(path, v, also = []) {
      push(
        also.reduce((m, a) => setAt(m, a, v), setAt(value.value, path, v)),
        pathText(path),
      );
    },
    replace(next) {
      push(next, null);
    },
    undo() {
      const p = past.value;
      if (p.length === 0) return;
      future.value = [value.value, ...future.value];
      past.value = p.slice(0, -1);
      lastField = null;
      value.value = p[p.length - 1];
    },
    redo() {
      const f = future.value;
      if (f.length === 0) return;
      past.value = [...past.value, value.value];
      future.value = f.slice(1);
      lastField = null;
      value.value = f[0];
    },
    rebase(v, m, draft) {
      base.value = { version: v, model: m };
      if (draft !== undefined) push(draft, null);
    },
  };
}
