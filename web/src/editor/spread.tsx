/**
 * A small picture of a distribution's spread: its density between P1 and P99 (drawn from the engine's own CDF),
 * the P10–P90 band and the median, with the band in words for those who do not read the picture.
 */
import type { Dist } from '../../../simulation/dist.js';
import { t } from '../i18n/index.js';
import { spreadOf } from './dist-entry.js';

const W = 160;
const H = 28;

export function SpreadPicture({ dist, format, id }: { dist: Dist; format: (x: number) => string; id: string }) {
  const s = t();
  const sp = spreadOf(dist);
  if (sp.density.length === 0)
    return (
      <p class="ed-spread" id={id}>
        <span class="ed-spread-text">{s.edSpreadFixed(format(sp.p50))}</span>
      </p>
    );
  const span = sp.hi - sp.lo || 1;
  const x = (v: number) => ((v - sp.lo) / span) * W;
  const y = (d: number) => H - 6 - d * (H - 8);
  const line = sp.density.map(([v, d]) => `${x(v).toFixed(1)},${y(d).toFixed(1)}`).join(' L');
  const area = `M${x(sp.density[0][0]).toFixed(1)},${H - 6} L${line} L${x(sp.density[sp.density.length - 1][0]).toFixed(1)},${H - 6} Z`;
  return (
    <p class="ed-spread" id={id}>
      <svg class="ed-spark" width={W} height={H} viewBox={`0 0 ${W} ${H}`} role="img" aria-label={s.edSpreadPicture}>
        <path d={area} class="ed-spark-density" />
        <rect x={x(sp.p10)} y={H - 5} width={Math.max(1, x(sp.p90) - x(sp.p10))} height={4} class="ed-spark-band" />
        <line x1={x(sp.p50)} x2={x(sp.p50)} y1={2} y2={H - 1} class="ed-spark-median" />
      </svg>
      <span class="ed-spread-text">{s.edSpread(format(sp.p10), format(sp.p90))}</span>
    </p>
  );
}
