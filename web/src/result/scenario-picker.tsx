/** Which scenario a result screen shows beside the baseline: the same select on the result and the preview. */
import type { ComparisonResult, ScenarioResult } from '../../../simulation/result.js';
import { t } from '../i18n/index.js';

export function scenarioLabel(sc: ScenarioResult, index: number): string {
  return index === 0 ? t().baseline : sc.label;
}

export function ScenarioPicker({
  id,
  label,
  result,
  chosen,
  onChoose,
}: {
  id: string;
  label: string;
  result: ComparisonResult;
  chosen: number;
  onChoose: (index: number) => void;
}) {
  if (result.scenarios.length <= 1) return null;
  return (
    <div class="field inline">
      <label for={id}>{label}</label>
      <select id={id} value={chosen} onChange={(e) => onChoose(Number((e.target as HTMLSelectElement).value))}>
        {result.scenarios.map((sc, i) => (
          <option key={sc.id} value={i}>
            {scenarioLabel(sc, i)}
          </option>
        ))}
      </select>
    </div>
  );
}
