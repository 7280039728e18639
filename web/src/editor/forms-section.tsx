/** The forms of care: each with its price, stay, places and overflow, fixed cost, step-downs and age limit. */
import { t } from '../i18n/index.js';
import { useDraft } from './context.js';
import { DistField } from './dist-field.js';
import { badge, NumberField, SelectField, Section, TextField } from './fields.js';
import { useItemKeys } from './item-keys.js';
import { FieldMessages, useIssues } from './messages.js';
import { fieldId, getAt, pathText } from './path.js';
import { exponentOf } from './units.js';
import { removeKeepingFocus } from '../focus.js';

interface LooseForm {
  id?: unknown;
  label?: unknown;
  segment?: unknown;
  next?: unknown;
  fixedCostPerYear?: unknown;
}

const str = (v: unknown, fallback = ''): string => (typeof v === 'string' ? v : fallback);

export function formChoices(model: unknown): [string, string][] {
  const forms = getAt(model, ['forms']);
  return Array.isArray(forms) ? forms.map((f: LooseForm) => [str(f.id), str(f.label, str(f.id))]) : [];
}

export function segmentChoices(model: unknown): [string, string][] {
  const segs = getAt(model, ['segments']);
  return Array.isArray(segs) ? segs.map((g: { id?: unknown; label?: unknown }) => [str(g.id), str(g.label, str(g.id))]) : [];
}

function StepDowns({ i }: { i: number }) {
  const s = t();
  const draft = useDraft();
  const path = ['forms', i, 'next'];
  const next = getAt(draft.value.value, path);
  const list = Array.isArray(next) ? next : [];
  const own = str(getAt(draft.value.value, ['forms', i, 'id']));
  const choices = formChoices(draft.value.value).filter(([id]) => id !== own);
  const messages = useIssues(path);
  return (
    <fieldset class="ed-list">
      <legend>{s.edNext}</legend>
      <p class="help">{s.edNextHelp}</p>
      <FieldMessages id={`${fieldId(path)}-err`} messages={messages} />
      {list.map((_, j) => (
        <div class="ed-row" key={j}>
          <SelectField compact path={[...path, j, 'form']} label={s.edNextForm} choices={choices} />
          <NumberField compact path={[...path, j, 'probability']} label={s.edNextProbability} exponent={exponentOf('percent')} />
          <button type="button" class="secondary small" onClick={(e) => removeKeepingFocus(e, () => draft.set([...path, j], undefined))}>
            {s.edRemove}
          </button>
        </div>
      ))}
      <button
        type="button"
        class="secondary small"
        onClick={() => draft.set(path, [...list, { form: choices[0]?.[0] ?? '', probability: 0.1 }])}
      >
        {s.edAddNext}
      </button>
    </fieldset>
  );
}

function FormEditor({ i }: { i: number }) {
  const s = t();
  const draft = useDraft();
  const p = ['forms', i];
  const model = draft.value.value;
  const own = str(getAt(model, [...p, 'id']));
  return (
    <>
      <div class="ed-grid">
        <TextField path={[...p, 'label']} label={s.edFormLabel} help={`id: ${own}`} />
        <SelectField path={[...p, 'segment']} label={s.edSegment} choices={segmentChoices(model)} />
        <SelectField
          path={[...p, 'provider']}
          label={s.edProvider}
          choices={[
            ['external', s.edExternal],
            ['internal', s.edInternal],
          ]}
        />
      </div>
      <DistField path={[...p, 'dailyCost']} label={s.edDailyCost} unit="sek" />
      <DistField path={[...p, 'lengthOfStayDays']} label={s.edStay} unit="days" stay />
      <div class="ed-grid">
        <NumberField path={[...p, 'capacity']} label={s.edCapacity} help={s.edCapacityHelp} empty="null" />
        <SelectField
          path={[...p, 'overflowTo']}
          label={s.edOverflow}
          none={s.edNoOverflow}
          choices={formChoices(model).filter(([id]) => id !== own)}
        />
        <NumberField path={[...p, 'maxAgeYears']} label={s.edMaxAge} help={s.edMaxAgeHelp} empty="omit" />
      </div>
      <DistField path={[...p, 'fixedCostPerYear']} label={s.edFixedCost} unit="sek" optional />
      <StepDowns i={i} />
      <button type="button" class="secondary small" onClick={(e) => removeKeepingFocus(e, () => draft.set(p, undefined))}>
        {s.edRemoveNamed(str(getAt(model, [...p, 'label']), own))}
      </button>
    </>
  );
}

/** A new form's id: unique, from what the user can read. */
function newFormId(model: unknown): string {
  const used = new Set(formChoices(model).map(([id]) => id));
  let n = 1;
  while (used.has(`form_${n}`)) n++;
  return `form_${n}`;
}

export function FormsSection() {
  const s = t();
  const draft = useDraft();
  const forms = getAt(draft.value.value, ['forms']);
  const list = Array.isArray(forms) ? forms : [];
  const add = () => {
    const model = draft.value.value;
    const segment = segmentChoices(model)[0]?.[0] ?? '';
    draft.set(
      ['forms'],
      [
        ...list,
        {
          id: newFormId(model),
          label: s.edNewForm,
          segment,
          provider: 'external',
          dailyCost: { type: 'pert', min: 1000, mode: 1500, max: 2000 },
          lengthOfStayDays: { type: 'lognormal', median: 180, p90: 600 },
        },
      ],
    );
  };
  const formIssues = useIssues(['forms']);
  const keys = useItemKeys(list);
  return (
    <Section title={s.edForms} badge={badge(draft.issuesUnder('forms'))}>
      {() => (
        <>
          <FieldMessages id="ed-forms-err" messages={formIssues} />
          {list.map((f: LooseForm, i) => (
            <Section key={keys[i]} level={4} title={str(f.label, str(f.id))} badge={badge(draft.issuesUnder(pathText(['forms', i])))}>
              {() => <FormEditor i={i} />}
            </Section>
          ))}
          <button type="button" class="secondary" onClick={add}>
            {s.edAddForm}
          </button>
        </>
      )}
    </Section>
  );
}
