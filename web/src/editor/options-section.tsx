/**
 * Each option through its preset's own parameters (docs/options.md), the value in the model beside the preset's
 * default and the documented source of that default. An option without a known kind shows its effects' fields.
 */
import { describeDist } from '../../../presentation/dist-text.js';
import type { Dist } from '../../../simulation/dist.js';
import { lang, t } from '../i18n/index.js';
import { useDraft } from './context.js';
import { DistField } from './dist-field.js';
import { badge, NumberField, Section, TextField } from './fields.js';
import { OPTION_SOURCES } from './option-docs.js';
import { getAt, pathText, type Path } from './path.js';
import { paramPath, PRESET_PARAMS, presetDefault, type PresetParam } from './preset-params.js';
import { distUnitOf, exponentOf, unitText, type EditUnit } from './units.js';

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
  const value = getAt(option, inner);
  const unit = p.unit as EditUnit;
  return (
    <div class="ed-param">
      {p.plain || typeof value === 'number' ? (
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
          <legend>{s.edEffect(j + 1, String(e.type))}</legend>
          {GENERIC.filter(([k]) => getAt(e, k) !== undefined).map(([k, unit]) => (
            <DistField key={k.join('.')} path={['options', i, 'effects', j, ...k]} label={k.join('.')} unit={unit} />
          ))}
        </fieldset>
      ))}
    </>
  );
}

function OptionEditor({ i }: { i: number }) {
  const s = t();
  const draft = useDraft();
  const option = getAt(draft.value.value, ['options', i]);
  const kind = String(getAt(option, ['kind']) ?? '');
  const spec = PRESET_PARAMS[kind];
  return (
    <>
      <TextField path={['options', i, 'label']} label={s.edOptionLabel} />
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
    </>
  );
}

export function OptionsSection() {
  const s = t();
  const draft = useDraft();
  const options = getAt(draft.value.value, ['options']);
  const list = Array.isArray(options) ? (options as { label?: unknown; id?: unknown }[]) : [];
  if (list.length === 0) return null;
  return (
    <Section title={s.edOptions} badge={badge(draft.issuesUnder('options'))}>
      {() =>
        list.map((o, i) => (
          <Section key={i} level={4} title={String(o.label ?? o.id)} badge={badge(draft.issuesUnder(pathText(['options', i])))}>
            {() => <OptionEditor i={i} />}
          </Section>
        ))
      }
    </Section>
  );
}
