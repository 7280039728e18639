/**
 * One distribution (a `Dist`) entered the way a controller thinks of it: a fixed number, lowest–most likely–
 * highest, or median and P90 ("half end within … days, 9 in 10 within …"), with a picture of its spread.
 * A distribution of another type (gamma, normal) is shown and edited field by field as it is.
 */
import { lang, t } from '../i18n/index.js';
import { useDraft } from './context.js';
import { convertDist, entryKindOf, validDist, type EntryKind } from './dist-entry.js';
import { NumberField } from './fields.js';
import { describedBy, FieldMessages, useIssues } from './messages.js';
import { fieldId, getAt, pathText, type Path } from './path.js';
import { SpreadPicture } from './spread.js';
import { exponentOf, formatIn, unitText, type EditUnit } from './units.js';

export function DistField({
  path,
  label,
  unit,
  stay = false,
  optional = false,
  help,
}: {
  path: Path;
  label: string;
  unit: EditUnit;
  /** A length of stay: median and P90 are asked as "half end within …, 9 in 10 within …". */
  stay?: boolean;
  /** A field the model may leave out (a trend, a fixed cost): an emptied fixed value removes it. */
  optional?: boolean;
  help?: string;
}) {
  const s = t();
  const draft = useDraft();
  const value = getAt(draft.value.value, path);
  const kind = entryKindOf(value);
  const id = fieldId(path);
  const messages = useIssues(path);
  const typeMessages = useIssues([...path, 'type']);
  const all = [...messages, ...typeMessages];
  // No picture of a spread the model would refuse (a lowest price below zero): its box says what is wrong.
  const dist = draft.issuesUnder(pathText(path)) === 0 ? validDist(value) : null;
  const exponent = exponentOf(unit);
  const u = unit === 'factor' ? undefined : unitText(unit);
  const sub = (key: string, l: string) => <NumberField compact path={[...path, key]} label={l} unit={u} exponent={exponent} />;
  const otherType = value && typeof value === 'object' ? String((value as { type?: unknown }).type ?? '') : '';

  const kinds: [EntryKind, string][] = [
    ['fixed', s.edKindFixed],
    ['pert', s.edKindPert],
    ['lognormal', s.edKindLognormal],
  ];
  if (kind === 'other') kinds.push(['other', s.edKindOther(otherType)]);

  return (
    <fieldset
      class="ed-dist"
      aria-describedby={describedBy([dist !== null && `${id}-spread`, all.length > 0 && `${id}-err`, help && `${id}-help`])}
    >
      <legend>{label}</legend>
      {help && (
        <p class="help" id={`${id}-help`}>
          {help}
        </p>
      )}
      <div class="ed-dist-row">
        <div class="ed-field compact">
          <label for={`${id}-kind`}>{s.edEnterAs}</label>
          <select
            id={`${id}-kind`}
            value={kind}
            onChange={(e) => {
              const next = (e.target as HTMLSelectElement).value as EntryKind;
              if (next !== 'other') draft.set(path, convertDist(value, next, 10 ** -exponent));
            }}
          >
            {kinds.map(([k, l]) => (
              <option key={k} value={k}>
                {l}
              </option>
            ))}
          </select>
        </div>
        {kind === 'fixed' &&
          (value !== null && typeof value === 'object' ? (
            sub('value', s.edValueOne)
          ) : (
            <NumberField compact path={path} label={s.edValueOne} unit={u} exponent={exponent} empty={optional ? 'omit' : 'text'} />
          ))}
        {kind === 'pert' && (
          <>
            {sub('min', s.edMin)}
            {sub('mode', s.edLikely)}
            {sub('max', s.edMax)}
          </>
        )}
        {kind === 'lognormal' && (
          <>
            {sub('median', stay ? s.edStayMedian : s.edMedian)}
            {sub('p90', stay ? s.edStayP90 : s.edP90)}
          </>
        )}
        {kind === 'other' &&
          Object.entries(value as Record<string, unknown>)
            .filter(([k, v]) => k !== 'type' && !Array.isArray(v))
            .map(([k]) => <span key={k}>{sub(k, s.edField(k))}</span>)}
      </div>
      {/* A fixed value given as a bare number has its issues at the field's own path, shown by its box. */}
      {!(kind === 'fixed' && typeof value !== 'object') && <FieldMessages id={`${id}-err`} messages={all} />}
      {dist !== null && <SpreadPicture id={`${id}-spread`} dist={dist} format={(x) => formatIn(unit, x, lang.value === 'sv')} />}
    </fieldset>
  );
}
