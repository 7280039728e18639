/** The fit report as charts: per segment the entries per year, per form the stays; each warning beside its chart. */
import { nameAndId } from '../../../presentation/fit-report.js';
import type { FitReport } from '../../../simulation/calibration/calibrate.js';
import { fmt, t } from '../i18n/index.js';
import { EntriesChart } from './entries-chart.js';
import { StayChart } from './stay-chart.js';
import type { StayCurve } from './stay-curves.js';
import { warningText } from './warning-text.js';
import { sortWarnings } from './warnings.js';

/** The original English stays in the title, so a controller can match it to the command line's report. */
function WarningItem({ warning }: { warning: string }) {
  const { text, lang } = warningText(warning, t());
  return (
    <li lang={lang} title={lang ? undefined : warning} data-warning={warning}>
      {text}
    </li>
  );
}

export function Warnings({ items, name }: { items: string[] | undefined; name: string }) {
  const s = t();
  if (!items || items.length === 0) return null;
  return (
    <div class="fit-warnings" data-warnings={name}>
      <p class="warnings-lead">{s.recWarningsFor}</p>
      <ul>
        {items.map((w) => (
          <WarningItem key={w} warning={w} />
        ))}
      </ul>
    </div>
  );
}

export function FitReportView({ report, curves }: { report: FitReport; curves: StayCurve[] }) {
  const s = t();
  const warnings = sortWarnings(report.warnings);
  const placeholders = report.forms.filter((f) => f.stayPlaceholder);
  return (
    <section class="card fit-report" aria-labelledby="fit-title">
      <h2 id="fit-title">{s.recReportTitle}</h2>
      <p data-field="window">
        {s.recWindow(report.window.from, report.window.to)}, {s.recModelStart(report.window.start, fmt.count(report.window.horizonMonths))}.{' '}
        {s.recEpisodes(fmt.count(report.episodes), fmt.count(report.initialCaseload))}.
      </p>

      <h3>{s.recEntriesTitle}</h3>
      <p class="help">{s.recEntriesIntro}</p>
      <div class="small-multiples">
        {report.segments.map((seg) => (
          <div key={seg.segment} class="multiple" data-segment={seg.segment}>
            <h4>{s.recSegment(nameAndId(seg.label, seg.segment))}</h4>
            <p class="muted">{s.recLevel(fmt.decimal(seg.level), fmt.percent(seg.trendPerYear))}</p>
            <EntriesChart segment={seg} />
            <Warnings items={warnings.segments.get(seg.segment)} name={`segment-${seg.segment}`} />
          </div>
        ))}
      </div>

      <h3>{s.recStaysTitle}</h3>
      <p class="help">{s.recStaysIntro}</p>
      <p class="legend stay-legend">
        <span class="legend-item">
          <span class="swatch km" aria-hidden="true" /> {s.recKm}
        </span>
        <span class="legend-item">
          <span class="swatch fitted-line" aria-hidden="true" /> {s.recFittedStay}
        </span>
      </p>
      <div class="small-multiples">
        {curves.map((c) => {
          const fit = report.forms.find((f) => f.form === c.form)!;
          return (
            <div key={c.form} class="multiple" data-form={c.form}>
              <h4>{nameAndId(fit.label, fit.form)}</h4>
              <p class="muted">
                {s.recStayFacts(fmt.count(fit.stay.median), fmt.count(fit.stay.p90), fmt.count(c.finished), fmt.count(c.ongoing))}
              </p>
              <StayChart curve={c} fit={fit} />
              <Warnings items={warnings.forms.get(c.form)} name={`form-${c.form}`} />
            </div>
          );
        })}
      </div>
      {placeholders.length > 0 && (
        <div class="placeholders">
          <p>{s.recPlaceholderStays}</p>
          {placeholders.map((f) => (
            <div key={f.form} data-form={f.form}>
              <h4>{nameAndId(f.label, f.form)}</h4>
              <Warnings items={warnings.forms.get(f.form)} name={`form-${f.form}`} />
            </div>
          ))}
        </div>
      )}
      {warnings.other.length > 0 && (
        <>
          <h3>{s.recOtherWarnings}</h3>
          <ul class="fit-warnings" data-warnings="other">
            {warnings.other.map((w) => (
              <WarningItem key={w} warning={w} />
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
