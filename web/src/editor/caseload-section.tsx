/** The placements already running at the start: per form, a count with how long they have lasted, or start dates. */
import { t } from '../i18n/index.js';
import { useDraft } from './context.js';
import { formChoices } from './forms-section.js';
import { badge, NumberField, Section, SelectField } from './fields.js';
import { useItemKeys } from './item-keys.js';
import { describedBy, FieldMessages, useIssues } from './messages.js';
import { fieldId, getAt, pathText } from './path.js';
import { removeKeepingFocus } from '../focus.js';

function StartDates({ i }: { i: number }) {
  const s = t();
  const draft = useDraft();
  const path = ['initialCaseload', i, 'startDates'];
  const dates = getAt(draft.value.value, path) as unknown[];
  const id = fieldId(path);
  const messages = [
    ...useIssues(path),
    ...dates.flatMap((_, j) => draft.issuesAt(pathText([...path, j])).map((x) => `${String(dates[j])}: ${x.message}`)),
  ];
  return (
    <div class="ed-field">
      <label for={id}>{s.edStartDates}</label>
      <textarea
        id={id}
        rows={Math.min(8, dates.length + 1)}
        value={dates.join('\n')}
        aria-invalid={messages.length > 0 ? true : undefined}
        aria-describedby={describedBy([messages.length > 0 && `${id}-err`])}
        onInput={(e) =>
          draft.set(
            path,
            (e.target as HTMLTextAreaElement).value
              .split(/\r?\n/)
              .map((d) => d.trim())
              .filter((d) => d !== ''),
          )
        }
      />
      <FieldMessages id={`${id}-err`} messages={messages} />
    </div>
  );
}

export function CaseloadSection() {
  const s = t();
  const draft = useDraft();
  const model = draft.value.value;
  const rows = getAt(model, ['initialCaseload']);
  const list = Array.isArray(rows) ? (rows as Record<string, unknown>[]) : [];
  const choices = formChoices(model);
  const keys = useItemKeys(list);
  return (
    <Section title={s.edCaseload} badge={badge(draft.issuesUnder('initialCaseload'))}>
      {() => (
        <>
          {list.map((row, i) => (
            <fieldset class="ed-list ed-caseload" key={keys[i]}>
              <legend>{s.edCaseloadRow(i + 1)}</legend>
              <div class="ed-row">
                <SelectField compact path={['initialCaseload', i, 'form']} label={s.edCaseloadForm} choices={choices} />
                {row.startDates === undefined ? (
                  <>
                    <NumberField compact path={['initialCaseload', i, 'count']} label={s.edCount} />
                    <NumberField compact path={['initialCaseload', i, 'elapsedDays']} label={s.edElapsed} empty="omit" />
                  </>
                ) : null}
                <button
                  type="button"
                  class="secondary small"
                  onClick={(e) => removeKeepingFocus(e, () => draft.set(['initialCaseload', i], undefined))}
                >
                  {s.edRemove}
                </button>
              </div>
              {row.startDates !== undefined && <StartDates i={i} />}
              <FieldMessages
                id={`${fieldId(['initialCaseload', i])}-err`}
                messages={draft.issuesAt(pathText(['initialCaseload', i])).map((x) => x.message)}
              />
            </fieldset>
          ))}
          <button
            type="button"
            class="secondary small"
            onClick={() => draft.set(['initialCaseload'], [...list, { form: choices[0]?.[0] ?? '', count: 1, elapsedDays: 0 }])}
          >
            {s.edAddCaseload}
          </button>
        </>
      )}
    </Section>
  );
}
