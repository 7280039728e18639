/** The model as a whole (name, start, horizon, price increase), its segments and its budget per year. */
import { useState } from 'preact/hooks';
import { t } from '../i18n/index.js';
import { useDraft } from './context.js';
import { DistField } from './dist-field.js';
import { badge, NumberField, Section, TextField } from './fields.js';
import { FieldMessages, useIssues } from './messages.js';
import { getAt } from './path.js';
import { exponentOf } from './units.js';
import { removeKeepingFocus } from '../focus.js';

export function GeneralSection() {
  const s = t();
  const draft = useDraft();
  const n = ['name', 'description', 'start', 'horizonMonths', 'annualPriceIncrease'].reduce((a, k) => a + draft.issuesUnder(k), 0);
  return (
    <Section title={s.edGeneral} badge={badge(n)}>
      {() => (
        <>
          <TextField path={['name']} label={s.edName} />
          <TextField path={['description']} label={s.edDescription} multiline />
          <div class="ed-grid">
            <TextField path={['start']} label={s.edStart} />
            <NumberField path={['horizonMonths']} label={s.edHorizon} />
          </div>
          <DistField path={['annualPriceIncrease']} label={s.edPriceIncrease} unit="percent" optional />
        </>
      )}
    </Section>
  );
}

/** Where a segment is used: forms, inflow and option effects that name it, in words for the user. */
export function segmentUses(model: unknown, id: string): string[] {
  const uses: string[] = [];
  const forms = getAt(model, ['forms']);
  if (Array.isArray(forms)) {
    for (const f of forms as { id?: unknown; label?: unknown; segment?: unknown }[]) {
      if (f.segment === id) uses.push(typeof f.label === 'string' ? f.label : String(f.id));
    }
  }
  const inflow = getAt(model, ['inflow']);
  if (Array.isArray(inflow) && (inflow as { segment?: unknown }[]).some((f) => f.segment === id)) uses.push(t().edInflow);
  const options = getAt(model, ['options']);
  if (Array.isArray(options)) {
    for (const o of options as { id?: unknown; label?: unknown; effects?: unknown }[]) {
      if (Array.isArray(o.effects) && (o.effects as { segment?: unknown }[]).some((e) => e.segment === id)) {
        uses.push(typeof o.label === 'string' ? o.label : String(o.id));
      }
    }
  }
  return uses;
}

function newSegmentId(list: { id?: unknown }[]): string {
  const used = new Set(list.map((g) => g.id));
  let n = 1;
  while (used.has(`malgrupp_${n}`)) n++;
  return `malgrupp_${n}`;
}

export function SegmentsSection() {
  const s = t();
  const draft = useDraft();
  const model = draft.value.value;
  const segs = getAt(model, ['segments']);
  const list = Array.isArray(segs) ? (segs as { id: string; label?: string }[]) : [];
  const issues = useIssues(['segments']);
  const shared = (id: string) => list.filter((x) => x.id === id).length > 1;
  const anyShared = list.some((g) => shared(g.id));
  return (
    <Section title={s.edSegments} badge={badge(draft.issuesUnder('segments'))}>
      {() => (
        <>
          {/* A duplicated id is reported beside the id fields that share it, instead of above the list. */}
          {!anyShared && <FieldMessages id="ed-segments-err" messages={issues} />}
          {list.map((g, i) => {
            const dup = shared(g.id);
            // An id that another segment also has does not stop either from being corrected or removed: what
            // uses the id still finds it in the other one.
            const uses = dup ? [] : segmentUses(model, g.id);
            const name = typeof g.label === 'string' && g.label !== '' ? g.label : String(g.id);
            const usedId = `ed-segment-${i}-uses`;
            return (
              <div class="ed-row ed-segment" key={i}>
                <TextField path={['segments', i, 'label']} label={s.edSegmentLabel(String(g.id))} />
                {uses.length === 0 ? (
                  <TextField
                    path={['segments', i, 'id']}
                    label={s.edSegmentId}
                    help={s.edSegmentIdHelp}
                    extraIssues={dup ? ['segments'] : undefined}
                  />
                ) : null}
                <div class="ed-field">
                  <button
                    type="button"
                    class="secondary small"
                    disabled={uses.length > 0}
                    aria-describedby={uses.length > 0 ? usedId : undefined}
                    onClick={(e) => removeKeepingFocus(e, () => draft.set(['segments', i], undefined))}
                  >
                    {s.edRemoveNamed(name)}
                  </button>
                  {uses.length > 0 && (
                    <p class="help" id={usedId}>
                      {s.edSegmentUsed(uses.join(', '))}
                    </p>
                  )}
                </div>
              </div>
            );
          })}
          <button
            type="button"
            class="secondary"
            onClick={() => draft.set(['segments'], [...list, { id: newSegmentId(list), label: s.edNewSegment }])}
          >
            {s.edAddSegment}
          </button>
        </>
      )}
    </Section>
  );
}

export function BudgetSection() {
  const s = t();
  const draft = useDraft();
  const budget = (getAt(draft.value.value, ['budget']) ?? {}) as Record<string, unknown>;
  const years = Object.keys(budget).sort();
  const [next, setNext] = useState('');
  const issues = useIssues(['budget']);
  const nextYear = () => {
    const last = years.length > 0 ? Number(years[years.length - 1]) : Number(String(getAt(draft.value.value, ['start'])).slice(0, 4));
    return String(Number.isFinite(last) ? last + (years.length > 0 ? 1 : 0) : new Date().getFullYear());
  };
  return (
    <Section title={s.edBudget} badge={badge(draft.issuesUnder('budget'))}>
      {() => (
        <>
          <p class="help">{s.edBudgetHelp}</p>
          <FieldMessages id="ed-budget-err" messages={issues} />
          <div class="ed-grid">
            {years.map((y) => (
              <div class="ed-row" key={y}>
                <NumberField compact path={['budget', y]} label={s.edBudgetYear(y)} unit={s.edUnitMsek} exponent={exponentOf('msek')} />
                <button
                  type="button"
                  class="secondary small"
                  aria-label={s.edRemoveYear(y)}
                  onClick={(e) => removeKeepingFocus(e, () => draft.set(['budget', y], undefined))}
                >
                  {s.edRemove}
                </button>
              </div>
            ))}
          </div>
          <button
            type="button"
            class="secondary small"
            onClick={() => {
              const y = next || nextYear();
              const last = years.length > 0 ? budget[years[years.length - 1]] : 0;
              draft.set(['budget', y], typeof last === 'number' ? last : 0);
              setNext('');
            }}
          >
            {s.edAddYear}
          </button>
        </>
      )}
    </Section>
  );
}
