/**
 * The editor's inputs. Each writes to the draft at its path, shows the engine's issues for that path beside it
 * (aria-invalid, aria-describedby) and keeps exactly what was typed: a number field that holds no number yet
 * stores its text, which the schema then reports as "must be a number".
 */
import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { lang, t } from '../i18n/index.js';
import { useDraft } from './context.js';
import { fieldDescribedBy, FieldNotes, useIssues } from './messages.js';
import { formatGroupedNumber, parseNumberText } from './number-text.js';
import { fieldId, getAt, type Path } from './path.js';

interface Common {
  path: Path;
  label: string;
  help?: string;
  unit?: string;
  /** Issues of other paths that belong beside this field (e.g. a list's sum). */
  extraIssues?: string[];
}

/**
 * A number as the page writes it ("8 800 000", "8,800,000"); text that is no number yet as it was typed, so that
 * nothing typed is lost and its message makes sense.
 */
function shownNumber(value: unknown, exponent: number): string {
  if (typeof value === 'number') return formatGroupedNumber(value, exponent, lang.value);
  if (typeof value === 'string') return value;
  return '';
}

/** The text in the box, kept while it still means the draft's value (so "4 600," is not rewritten to "4600"). */
function sameValue(text: string, value: unknown, exponent: number): boolean {
  if (typeof value === 'string') return text === value;
  if (typeof value === 'number') {
    const p = parseNumberText(text, exponent, lang.value);
    return p.ok && p.value === value;
  }
  return text.trim() === '';
}

export function NumberField({
  path,
  label,
  help,
  unit,
  extraIssues,
  exponent = 0,
  empty = 'text',
  compact = false,
  also,
}: Common & {
  /** More paths that take the same value. */
  also?: Path[];
  /** Shown in a unit 10^exponent of the stored one: 2 for per cent of a share, -6 for MSEK of SEK. */
  exponent?: number;
  /** What an emptied box stores: its text (a required field), nothing (an optional one) or null. */
  empty?: 'text' | 'omit' | 'null';
  compact?: boolean;
}) {
  const draft = useDraft();
  const value = getAt(draft.value.value, path);
  // What is being typed is shown as typed; once the box is left, a number is shown grouped, as the page writes it.
  const [editing, setEditing] = useState<string | null>(null);
  const shown = editing !== null && sameValue(editing, value, exponent) ? editing : shownNumber(value, exponent);
  const id = fieldId(path);
  const messages = useIssues(path, extraIssues);
  const onInput = (raw: string) => {
    setEditing(raw);
    const p = parseNumberText(raw, exponent, lang.value);
    if (p.ok) draft.set(path, p.value, also);
    else if (raw.trim() === '' && empty !== 'text') draft.set(path, empty === 'null' ? null : undefined, also);
    else draft.set(path, raw, also);
  };
  return (
    <div class={compact ? 'ed-field compact' : 'ed-field'}>
      <label for={id}>{label}</label>
      <span class="ed-input-unit">
        <input
          id={id}
          inputMode="decimal"
          autoComplete="off"
          value={shown}
          aria-invalid={messages.length > 0 ? true : undefined}
          aria-describedby={fieldDescribedBy(id, help, messages)}
          onInput={(e) => onInput((e.target as HTMLInputElement).value)}
          onBlur={() => setEditing(null)}
        />
        {unit && <span class="unit">{unit}</span>}
      </span>
      <FieldNotes id={id} help={help} messages={messages} />
    </div>
  );
}

export function TextField({ path, label, help, extraIssues, multiline = false }: Common & { multiline?: boolean }) {
  const draft = useDraft();
  const value = getAt(draft.value.value, path);
  const id = fieldId(path);
  const messages = useIssues(path, extraIssues);
  const props = {
    id,
    value: typeof value === 'string' ? value : '',
    'aria-invalid': messages.length > 0 ? true : undefined,
    'aria-describedby': fieldDescribedBy(id, help, messages),
    onInput: (e: Event) => draft.set(path, (e.target as HTMLInputElement).value),
  };
  return (
    <div class="ed-field">
      <label for={id}>{label}</label>
      {multiline ? <textarea rows={3} {...props} /> : <input type="text" autoComplete="off" {...props} />}
      <FieldNotes id={id} help={help} messages={messages} />
    </div>
  );
}

export function SelectField({
  path,
  label,
  help,
  choices,
  none,
  compact = false,
}: Common & { choices: [string, string][]; /** The label of "no value", stored as null. */ none?: string; compact?: boolean }) {
  const draft = useDraft();
  const value = getAt(draft.value.value, path);
  const id = fieldId(path);
  const messages = useIssues(path);
  const known = choices.some(([v]) => v === value);
  return (
    <div class={compact ? 'ed-field compact' : 'ed-field'}>
      <label for={id}>{label}</label>
      <select
        id={id}
        value={value == null ? '' : String(value)}
        aria-invalid={messages.length > 0 ? true : undefined}
        aria-describedby={fieldDescribedBy(id, help, messages)}
        onChange={(e) => {
          const v = (e.target as HTMLSelectElement).value;
          draft.set(path, v === '' && none !== undefined ? null : v);
        }}
      >
        {none !== undefined && <option value="">{none}</option>}
        {/* A value the list does not know (an unknown form) stays visible, so its message makes sense. */}
        {!known && value != null && <option value={String(value)}>{String(value)}</option>}
        {/* Keyed by place: two segments may share an id while the user types (the schema reports it). */}
        {choices.map(([v, l], k) => (
          <option key={k} value={v}>
            {l}
          </option>
        ))}
      </select>
      <FieldNotes id={id} help={help} messages={messages} />
    </div>
  );
}

/** A collapsible part of the editor; its content is drawn only while open, so a long model stays quick. */
export function Section({
  title,
  children,
  open: initiallyOpen = false,
  level = 3,
  badge,
}: {
  title: string;
  children: () => ComponentChildren;
  open?: boolean;
  level?: 3 | 4;
  badge?: string;
}) {
  const [open, setOpen] = useState(initiallyOpen);
  const Heading = level === 3 ? 'h3' : 'h4';
  return (
    <details class={`ed-section level-${level}`} open={open} onToggle={(e) => setOpen((e.target as HTMLDetailsElement).open)}>
      <summary>
        <Heading>{title}</Heading>
        {badge && <span class="ed-badge">{badge}</span>}
      </summary>
      {open && <div class="ed-section-body">{children()}</div>}
    </details>
  );
}

/** The badge of a closed section that has errors inside. */
export const badge = (n: number): string | undefined => (n === 0 ? undefined : t().edErrors(n));
