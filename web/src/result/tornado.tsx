/**
 * "Vad driver osäkerheten?": the assumptions most strongly tied to the shown scenario's total cost (or, for an
 * option, to its saving against today), as bars left and right of zero. Labels come from the model
 * (presentation/parameter-labels.ts), never the parameter paths the engine names them by.
 */
import { useCallback, useMemo, useState } from 'preact/hooks';
import { formatCorrelation } from '../../../presentation/correlation.js';
import { parameterLabel } from '../../../presentation/parameter-labels.js';
import type { ScenarioResult } from '../../../simulation/result.js';
import type { Model } from '../../../simulation/schema.js';
import { ChartTable } from '../charts/chart-table.js';
import { PlotBox, type PlotModule } from '../charts/plot-box.js';
import { lang, t } from '../i18n/index.js';

/** About as many as a reader weighs at once; the rest are listed by the API. */
const TOP = 8;

type Target = 'cost' | 'saving';

export interface Driver {
  label: string;
  rho: number;
}

/**
 * The top drivers for the target. The saving is minus the delta (scenario minus today), so its correlation is
 * minus `onDelta`: a bar to the right then means "the higher this, the more the option saves".
 */
export function drivers(scenario: ScenarioResult, model: Model, target: Target, language: 'sv' | 'en'): Driver[] {
  return scenario.sensitivity
    .flatMap((e) => {
      const rho = target === 'cost' ? e.onCost : e.onDelta === null ? null : -e.onDelta;
      return rho === null || !Number.isFinite(rho) ? [] : [{ label: parameterLabel(e.parameter, model, language), rho }];
    })
    .sort((a, b) => Math.abs(b.rho) - Math.abs(a.rho))
    .slice(0, TOP);
}

export function Tornado({
  scenario,
  scenarioLabel,
  model,
  isBaseline,
}: {
  scenario: ScenarioResult;
  scenarioLabel: string;
  model: Model;
  isBaseline: boolean;
}) {
  const s = t();
  const language = lang.value;
  const [chosen, setChosen] = useState<Target>('cost');
  const target: Target = isBaseline ? 'cost' : chosen;
  const rows = useMemo(() => drivers(scenario, model, target, language), [scenario, model, target, language]);
  const saving = target === 'saving';

  return (
    <section class="tornado" aria-labelledby="tornado-title">
      <h3 id="tornado-title">{s.drvTornadoTitle}</h3>
      <p class="help">{saving ? s.drvTornadoIntroSaving : s.drvTornadoIntroCost}</p>
      <p class="muted">{s.drvTornadoScenario(scenarioLabel)}</p>
      {!isBaseline && (
        <fieldset class="view-switch">
          <legend>{s.drvTornadoTarget}</legend>
          <div class="radios">
            {(['cost', 'saving'] as const).map((v) => (
              <label key={v}>
                <input type="radio" name="tornado-target" value={v} checked={target === v} onChange={() => setChosen(v)} />
                {v === 'cost' ? s.drvTargetCost : s.drvTargetSaving}
              </label>
            ))}
          </div>
        </fieldset>
      )}
      {rows.length === 0 ? (
        <p>{s.drvNoDrivers}</p>
      ) : (
        <>
          <TornadoChart rows={rows} label={s.drvTornadoCaption(scenarioLabel, saving)} />
          <p class="help">{saving ? s.drvTornadoDirectionSaving : s.drvTornadoDirectionCost}</p>
          <ChartTable
            name="tornado"
            caption={s.drvTornadoCaption(scenarioLabel, saving)}
            columns={[{ header: s.drvAssumption }, { header: s.drvCorrelation, numeric: true }]}
            rows={rows.map((r) => [r.label, formatCorrelation(r.rho, language)])}
          />
        </>
      )}
    </section>
  );
}

function TornadoChart({ rows, label }: { rows: Driver[]; label: string }) {
  const s = t();
  const language = lang.value;
  const draw = useCallback(
    (Plot: PlotModule, boxWidth: number) => {
      const width = Math.max(320, Math.min(boxWidth, 1100));
      // The labels are long sentences: give them up to 45 % of the width and wrap them.
      const marginLeft = Math.round(Math.min(380, width * 0.45));
      // Each side reaches as far as its longest bar (at least 0.1, so both directions stay visible): a tornado
      // whose bars all point one way does not waste half its width.
      const side = (values: number[]) => Math.min(1, Math.max(0.1, Math.ceil(Math.max(0, ...values) * 10) / 10));
      const left = side(rows.map((r) => -r.rho));
      const right = side(rows.map((r) => r.rho));
      return Plot.plot({
        className: 'tornado-plot',
        width,
        height: 40 + rows.length * 46,
        marginLeft,
        marginRight: 24,
        marginBottom: 40,
        style: { fontSize: '13px' },
        x: {
          domain: [-left, right],
          label: `${s.drvTornadoLower}   ${s.drvTornadoAxis}   ${s.drvTornadoHigher}`,
          labelAnchor: 'center',
          tickFormat: (v: number) => formatCorrelation(v, language),
          ticks: 5,
        },
        y: { domain: rows.map((r) => r.label), label: null, padding: 0.3 },
        marks: [
          Plot.gridX({ stroke: 'var(--line)', strokeOpacity: 1 }),
          Plot.barX(rows, { y: 'label', x1: 0, x2: 'rho', fill: 'var(--accent)' }),
          Plot.ruleX([0], { stroke: 'var(--ink)' }),
          // Line width is in ems; at 13 px an em holds about two characters.
          Plot.axisY({ tickSize: 0, lineWidth: (marginLeft - 16) / 13, textAnchor: 'end', label: null }),
        ],
        ariaLabel: label,
      });
    },
    [rows, label, language],
  );
  return <PlotBox draw={draw} name="tornado" />;
}
