/**
 * Each option through its preset's own parameters (docs/options.md), the value in the model beside the preset's
 * default and the documented source of that default. An option without a known kind shows its effects' fields.
 */
import { describeDist } from '../../../presentation/dist-text.js';
import type { Dist } from '../../../simulation/dist.js';
import { useState } from 'preact/hooks';
import { lang, t } from '../i18n/index.js';
import { useDraft } from './context.js';
import { DistField } from './dist-field.js';
import { badge, NumberField, SelectField, Section, TextField } from './fields.js';
import { formChoices, segmentChoices } from './forms-section.js';
import { OPTION_SOURCES } from './option-docs.js';
import { fieldId, getAt, pathText, type Path } from './path.js';
import { useItemKeys } from './item-keys.js';
import { FieldMessages } from './messages.js';
import { paramPath, PRESET_PARAMS, presetDefault, type PresetParam } from './preset-params.js';
import { distUnitOf, exponentOf, unitText, type EditUnit } from './units.js';
import { removeKeepingFocus } from '../focus.js';

function DefaultAndSource({ kind, p }: { kind: string; p: PresetParam }) {
  const s = t();
  const d = presetDefault(kind, p);
  const rows = p.names.map((n) => ({ name: n, row: OPTION_SOURCES[kind]?.[n] })).filter((r) => r.row);
  return (
    <div class="ed-source">
      <p>
        <strong>{s.edDefault}:</strong> {d === undefined ? '–' : describeDist(d as Dist, distUnitOf(p.unit), lang.value)}
      </p>
      {rows.map(({ name, row }) => (
        <p key={name} lang="en">
          <code>{name}</code> = {row!.default}
          {row!.unit ? ` (${row!.unit})` : ''}
          {row!.source ? `: ${row!.source}` : ''}
        </p>
      ))}
    </div>
  );
}

function ParamEditor({ option, i, kind, p }: { option: unknown; i: number; kind: string; p: PresetParam }) {
  const s = t();
  const inner = paramPath(option, p);
  if (!inner) return null;
  const path: Path = ['options', i, ...inner];
  const label = s.edParamName(p.names[0]);
  const also = (p.alsoIn ?? []).map((e) => paramPath(option, p, e)).flatMap((q) => (q ? [['options', i, ...q] as Path] : []));
  const unit = p.unit as EditUnit;
  return (
    <div class="ed-param">
      {p.plain ? (
        <NumberField
          path={path}
          label={label}
          unit={unit === 'factor' ? undefined : unitText(unit)}
          exponent={exponentOf(unit)}
          empty={p.names[0] === 'maxAgeYears' ? 'omit' : 'text'}
          also={also}
        />
      ) : (
        <DistField path={path} label={label} unit={unit} stay={unit === 'days'} />
      )}
      <DefaultAndSource kind={kind} p={p} />
    </div>
  );
}

const GENERIC: [string[], EditUnit][] = [
  [['perYear'], 'sek'],
  [['oneOff'], 'sek'],
  [['multiplier'], 'factor'],
  [['share'], 'percent'],
  [['takes', 'share'], 'percent'],
];

/** An option of no known kind: the magnitudes of its effects, one by one. */
function Effects({ option, i }: { option: unknown; i: number }) {
  const s = t();
  const effects = getAt(option, ['effects']);
  return (
    <>
      {(Array.isArray(effects) ? effects : []).map((e: { type?: string }, j) => (
        <fieldset class="ed-list" key={j}>
          <legend>{s.edEffect(j + 1, s.edEffectType(String(e.type)))}</legend>
          {GENERIC.filter(([k]) => getAt(e, k) !== undefined).map(([k, unit]) => (
            <DistField
              key={k.join('.')}
              path={['options', i, 'effects', j, ...k]}
              label={s.edEffectField(k.join('.')) ?? k.join('.')}
              unit={unit}
            />
          ))}
        </fieldset>
      ))}
    </>
  );
}

/** What each effect acts on (a segment, forms): a choice among the model's own, never free text. */
function Targets({ option, i }: { option: unknown; i: number }) {
  const s = t();
  const draft = useDraft();
  const model = draft.value.value;
  const effects = getAt(option, ['effects']);
  const segments = segmentChoices(model);
  const forms = formChoices(model);
  const segmentOf = new Map(
    (Array.isArray(getAt(model, ['forms'])) ? (getAt(model, ['forms']) as { id?: unknown; segment?: unknown }[]) : []).map((f) => [
      f.id,
      f.segment,
    ]),
  );
  const rows = (Array.isArray(effects) ? effects : []).flatMap((e: Record<string, unknown>, j) => {
    const at = (k: string[]): Path => ['options', i, 'effects', j, ...k];
    const type = s.edEffectType(String(e.type));
    // A shift between forms stays within its segment: only that segment's forms are offered (a form the effect
    // still names from another segment stays shown, with its message).
    const ownForms = typeof e.segment === 'string' ? forms.filter(([id]) => segmentOf.get(id) === e.segment) : forms;
    const out = [];
    if (typeof e.segment === 'string') {
      out.push(<SelectField key={`${j}s`} compact path={at(['segment'])} label={s.edTargetSegment(type)} choices={segments} />);
    }
    if (typeof e.from === 'string') {
      out.push(<SelectField key={`${j}f`} compact path={at(['from'])} label={s.edTargetFrom(type)} choices={ownForms} />);
    }
    if (typeof e.to === 'string') {
      out.push(<SelectField key={`${j}t`} compact path={at(['to'])} label={s.edTargetTo(type)} choices={ownForms} />);
    }
    if (e.type === 'addForm' && typeof getAt(e, ['form', 'segment']) === 'string') {
      out.push(<SelectField key={`${j}a`} compact path={at(['form', 'segment'])} label={s.edTargetSegment(type)} choices={segments} />);
    }
    if (Array.isArray(e.forms)) {
      out.push(<FormTicks key={`${j}m`} path={at(['forms'])} legend={s.edTargetForms(type)} chosen={e.forms} choices={forms} />);
    }
    if (e.type === 'addForm') {
      // The unit takes from the forms of its own segment, and sends on to them when full (a form the effect still
      // names from elsewhere stays shown, with its message).
      const unitSegment = getAt(e, ['form', 'segment']);
      const unitId = getAt(e, ['form', 'id']);
      const segmentForms = typeof unitSegment === 'string' ? forms.filter(([id]) => segmentOf.get(id) === unitSegment) : forms;
      const from = getAt(e, ['takes', 'from']);
      if (Array.isArray(from)) {
        out.push(
          <FormTicks key={`${j}tf`} path={at(['takes', 'from'])} legend={s.edTargetTakesFrom(type)} chosen={from} choices={segmentForms} />,
        );
      }
      const form = getAt(e, ['form']);
      if (form !== null && typeof form === 'object') {
        out.push(
          <SelectField
            key={`${j}o`}
            compact
            path={at(['form', 'overflowTo'])}
            label={s.edTargetOverflow(type)}
            none={s.edNoOverflow}
            choices={segmentForms.filter(([id]) => id !== unitId)}
          />,
        );
      }
    }
    return out;
  });
  if (rows.length === 0) return null;
  return (
    <fieldset class="ed-list">
      <legend>{s.edTargets}</legend>
      {rows}
    </fieldset>
  );
}

/** A list of the model's forms an effect names, one box each: the forms offered, and any other it names. */
function FormTicks({ path, legend, chosen, choices }: { path: Path; legend: string; chosen: unknown[]; choices: [string, string][] }) {
  const draft = useDraft();
  const offered = [
    ...choices,
    ...chosen.filter((id) => !choices.some(([c]) => c === id)).map((id): [string, string] => [String(id), String(id)]),
  ];
  return (
    <fieldset class="ed-list">
      <legend>{legend}</legend>
      <TargetFormsMessages path={path} />
      <div class="ed-grid">
        {offered.map(([id, label], k) => (
          <label class="ed-check" key={k}>
            <input
              type="checkbox"
              checked={chosen.includes(id)}
              onChange={(ev) => draft.set(path, (ev.target as HTMLInputElement).checked ? [...chosen, id] : chosen.filter((f) => f !== id))}
            />
            {label}
          </label>
        ))}
      </div>
    </fieldset>
  );
}

/** The messages of an effect's list of forms and of each entry in it. */
function TargetFormsMessages({ path }: { path: Path }) {
  const draft = useDraft();
  const messages = draft.issuesBelow(pathText(path)).map((x) => x.message);
  return <FieldMessages id={`${fieldId(path)}-err`} messages={messages} />;
}

function OptionEditor({ i }: { i: number }) {
  const s = t();
  const draft = useDraft();
  const option = getAt(draft.value.value, ['options', i]);
  const kind = String(getAt(option, ['kind']) ?? '');
  const spec = PRESET_PARAMS[kind];
  const name = String(getAt(option, ['label']) ?? getAt(option, ['id']) ?? '');
  return (
    <>
      <TextField path={['options', i, 'label']} label={s.edOptionLabel} />
      <Targets option={option} i={i} />
      {spec ? (
        <>
          <p class="help">{s.edSourceLang}</p>
          {spec.params.map((p) => (
            <ParamEditor key={p.names.join('+') + p.path.join('.')} option={option} i={i} kind={kind} p={p} />
          ))}
        </>
      ) : (
        <Effects option={option} i={i} />
      )}
      <div class="ed-field">
        <button
          type="button"
          class="secondary small"
          aria-describedby={`ed-option-${i}-remove`}
          onClick={(e) => removeKeepingFocus(e, () => draft.set(['options', i], undefined))}
        >
          {s.edRemoveNamed(name)}
        </button>
        <p class="help" id={`ed-option-${i}-remove`}>
          {s.edRemoveOptionHelp}
        </p>
      </div>
    </>
  );
}

/** An option from a preset with the preset's defaults; its id and name made unique among the model's options. */
function AddOption({ list, onAdded }: { list: { id?: unknown; label?: unknown }[]; onAdded: (id: string) => void }) {
  const s = t();
  const draft = useDraft();
  const kinds = Object.keys(PRESET_PARAMS);
  const [picked, setPicked] = useState(kinds[0]);
  const add = () => {
    const option = PRESET_PARAMS[picked].defaults();
    const ids = new Set(list.map((o) => o.id));
    const labels = new Set(list.map((o) => o.label));
    // A second option of a kind: "controller_2", "Placeringscontroller 2", so the two can be told apart.
    let n = 1;
    while (ids.has(n === 1 ? option.id : `${option.id}_${n}`) || labels.has(n === 1 ? option.label : `${option.label} ${n}`)) n++;
    const next = n === 1 ? option : { ...option, id: `${option.id}_${n}`, label: `${option.label} ${n}` };
    onAdded(next.id);
    draft.set(['options'], [...list, next]);
  };
  return (
    <div class="ed-row">
      <div class="ed-field">
        <label for="ed-add-option">{s.edAddOption}</label>
        <select id="ed-add-option" value={picked} onChange={(e) => setPicked((e.target as HTMLSelectElement).value)}>
          {kinds.map((kind) => (
            <option key={kind} value={kind}>
              {s.edOptionKind(kind)}
            </option>
          ))}
        </select>
      </div>
      <button type="button" class="secondary" onClick={add}>
        {s.edAddOptionButton}
      </button>
    </div>
  );
}

export function OptionsSection() {
  const s = t();
  const draft = useDraft();
  const options = getAt(draft.value.value, ['options']);
  const list = Array.isArray(options) ? (options as { label?: unknown; id?: unknown }[]) : [];
  // The option just added opens, to show what it brought.
  const [added, setAdded] = useState<unknown>(null);
  // Removing an option must not leave the next one open in its place.
  const keys = useItemKeys(list);
  return (
    <Section title={s.edOptions} badge={badge(draft.issuesUnder('options'))}>
      {() => (
        <>
          {list.map((o, i) => (
            <Section
              key={keys[i]}
              level={4}
              open={o.id === added}
              title={String(o.label ?? o.id)}
              badge={badge(draft.issuesUnder(pathText(['options', i])))}
            >
              {() => <OptionEditor i={i} />}
            </Section>
          ))}
          <AddOption list={list} onAdded={setAdded} />
        </>
      )}
    </Section>
  );
}
