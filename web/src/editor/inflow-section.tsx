/** New placements per segment: the level, its trend, the mix over forms, seasonality and age at entry. */
import { useState } from 'preact/hooks';
import { fmt, t } from '../i18n/index.js';
import { useDraft } from './context.js';
import { DistField } from './dist-field.js';
import { formChoices, segmentChoices } from './forms-section.js';
import { badge, NumberField, Section } from './fields.js';
import { useItemKeys } from './item-keys.js';
import { FieldMessages, useIssues } from './messages.js';
import { fieldId, getAt, pathText } from './path.js';
import { exponentOf } from './units.js';
import { removeKeepingFocus } from '../focus.js';

function Mix({ i }: { i: number }) {
  const s = t();
  const draft = useDraft();
  const model = draft.value.value;
  const path = ['inflow', i, 'mix'];
  const mix = (getAt(model, path) ?? {}) as Record<string, unknown>;
  const segment = getAt(model, ['inflow', i, 'segment']);
  const forms = Array.isArray(getAt(model, ['forms'])) ? (getAt(model, ['forms']) as { id: string; segment: string }[]) : [];
  // The forms of the segment, and any other form the mix already names (its message says why it is wrong).
  const ids = [...new Set([...forms.filter((f) => f.segment === segment).map((f) => f.id), ...Object.keys(mix)])];
  const labels = new Map(formChoices(model));
  const sum = Object.values(mix).reduce<number>((a, v) => a + (typeof v === 'number' ? v : 0), 0);
  const messages = useIssues(path);
  return (
    <fieldset class="ed-list">
      <legend>{s.edMix}</legend>
      <div class="ed-grid">
        {ids.map((id) => (
          <NumberField
            compact
            key={id}
            path={[...path, id]}
            label={labels.get(id) ?? id}
            unit="%"
            exponent={exponentOf('percent')}
            empty="omit"
          />
        ))}
      </div>
      <p class="help" id={`${fieldId(path)}-sum`}>
        {s.edMixSum(fmt.decimal(Math.round(sum * 1000) / 10))}
      </p>
      <FieldMessages id={`${fieldId(path)}-err`} messages={messages} />
    </fieldset>
  );
}

function Seasonality({ i }: { i: number }) {
  const s = t();
  const draft = useDraft();
  const path = ['inflow', i, 'seasonality'];
  const value = getAt(draft.value.value, path);
  const on = Array.isArray(value);
  const id = fieldId(path);
  const messages = useIssues(path);
  return (
    <fieldset class="ed-list">
      <legend>{s.edSeasonality}</legend>
      <label class="ed-check">
        <input
          type="checkbox"
          checked={on}
          onChange={(e) => draft.set(path, (e.target as HTMLInputElement).checked ? new Array(12).fill(1) : null)}
        />
        {s.edSeasonalityOn}
      </label>
      {on && (
        <div class="ed-months">
          {value.map((_, m) => (
            <NumberField compact key={m} path={[...path, m]} label={s.edMonth(m)} />
          ))}
        </div>
      )}
      <FieldMessages id={`${id}-err`} messages={messages} />
    </fieldset>
  );
}

function InflowEditor({ i, title }: { i: number; title: string }) {
  const s = t();
  const draft = useDraft();
  const p = ['inflow', i];
  const age = getAt(draft.value.value, [...p, 'ageAtEntry']);
  return (
    <>
      <DistField path={[...p, 'episodesPerYear']} label={s.edLevel} unit="count" />
      <DistField path={[...p, 'trendPerYear']} label={s.edTrend} unit="percent" optional />
      <Mix i={i} />
      <Seasonality i={i} />
      <label class="ed-check">
        <input
          type="checkbox"
          checked={age !== undefined}
          onChange={(e) =>
            draft.set([...p, 'ageAtEntry'], (e.target as HTMLInputElement).checked ? { type: 'uniform', min: 0, max: 18 } : undefined)
          }
        />
        {s.edAgeAtEntryOn}
      </label>
      {age !== undefined && <DistField path={[...p, 'ageAtEntry']} label={s.edAgeAtEntry} unit="years" />}
      <button type="button" class="secondary small" onClick={(e) => removeKeepingFocus(e, () => draft.set(p, undefined))}>
        {s.edRemoveNamed(title)}
      </button>
    </>
  );
}

export function InflowSection() {
  const s = t();
  const draft = useDraft();
  const model = draft.value.value;
  const inflow = getAt(model, ['inflow']);
  const list = Array.isArray(inflow) ? inflow : [];
  const segLabels = new Map(
    (Array.isArray(getAt(model, ['segments'])) ? (getAt(model, ['segments']) as { id: string; label: string }[]) : []).map((g) => [
      g.id,
      g.label,
    ]),
  );
  const issues = useIssues(['inflow']);
  const keys = useItemKeys(list);
  return (
    <Section title={s.edInflow} badge={badge(draft.issuesUnder('inflow'))}>
      {() => (
        <>
          <FieldMessages id="ed-inflow-err" messages={issues} />
          {list.map((inf: { segment?: string }, i) => {
            const title = s.edInflowOf(segLabels.get(inf.segment ?? '') ?? String(inf.segment));
            return (
              <Section key={keys[i]} level={4} title={title} badge={badge(draft.issuesUnder(pathText(['inflow', i])))}>
                {() => <InflowEditor i={i} title={title} />}
              </Section>
            );
          })}
          <AddInflow list={list} />
        </>
      )}
    </Section>
  );
}

/** A new inflow for a segment that has none yet: its forms share the mix equally, so the draft starts valid. */
export function newInflow(model: unknown, segment: string): Record<string, unknown> {
  const forms = getAt(model, ['forms']);
  const ids = Array.isArray(forms)
    ? (forms as { id: string; segment: string }[]).filter((f) => f.segment === segment).map((f) => f.id)
    : [];
  const mix = Object.fromEntries(
    ids.map((id, k) => [
      id,
      k === ids.length - 1 ? 1 - ((ids.length - 1) * Math.round(1000 / ids.length)) / 1000 : Math.round(1000 / ids.length) / 1000,
    ]),
  );
  return { segment, episodesPerYear: { type: 'gamma', mean: 10, sd: 2 }, trendPerYear: 0, seasonality: null, mix };
}

function AddInflow({ list }: { list: { segment?: string }[] }) {
  const s = t();
  const draft = useDraft();
  const model = draft.value.value;
  const free = segmentChoices(model).filter(([id]) => !list.some((inf) => inf.segment === id));
  const [picked, setPicked] = useState('');
  if (free.length === 0) return <p class="help">{s.edNoSegmentWithoutInflow}</p>;
  const segment = free.some(([id]) => id === picked) ? picked : free[0][0];
  return (
    <div class="ed-row">
      <div class="ed-field">
        <label for="ed-add-inflow">{s.edAddInflow}</label>
        <select id="ed-add-inflow" value={segment} onChange={(e) => setPicked((e.target as HTMLSelectElement).value)}>
          {free.map(([id, label], k) => (
            <option key={k} value={id}>
              {label}
            </option>
          ))}
        </select>
      </div>
      <button type="button" class="secondary" onClick={() => draft.set(['inflow'], [...list, newInflow(model, segment)])}>
        {s.edAddInflowButton}
      </button>
    </div>
  );
}
