/**
 * Merging a calibration into a model the municipality already has. The records measure stays, prices,
 * step-downs, inflow and who is in care; everything else is the controller's own work and is kept. Precisely:
 *
 * - Replaced, for each form in the records: its stay (`lengthOfStayDays`), its day price (`dailyCost`, unless
 *   the records hold no price for it) and its step-downs (`next`). Its label, provider, capacity, overflow,
 *   fixed cost and age limit are kept. A form only in the records is added; a form only in the model is kept.
 * - Replaced, for each segment with entries in the records: the inflow's level, trend and mix. Its seasonality
 *   and age at entry are kept. A segment only in the records is added.
 * - Replaced: the initial caseload of the forms in the records (those in care at the data end); the caseload of
 *   other forms is kept. Placements that start on or after the model's start are left out, as calibrate() does.
 * - Kept: name, description, start, horizon, annual price increase, budget and options.
 *
 * The result is not validated here; the caller checks it with the API's own schema before saving.
 */
import type { FitReport } from '../../../simulation/calibration/calibrate.js';
import type { Form, Inflow, InitialCaseloadEntry, Model } from '../../../simulation/schema.js';

export function mergeCalibration(target: Model, fitted: Model, report: FitReport): Model {
  const fits = new Map(report.forms.map((f) => [f.form, f]));
  const fittedForms = new Map(fitted.forms.map((f) => [f.id, f]));

  const forms: Form[] = target.forms.map((old) => {
    const fresh = fittedForms.get(old.id);
    const fit = fits.get(old.id);
    if (!fresh || !fit) return old;
    const { next: _oldNext, ...rest } = old;
    return {
      ...rest,
      lengthOfStayDays: fit.stayPlaceholder ? old.lengthOfStayDays : fresh.lengthOfStayDays,
      dailyCost: fit.price === null ? old.dailyCost : fresh.dailyCost,
      ...(fresh.next ? { next: fresh.next } : {}),
    };
  });
  const known = new Set(target.forms.map((f) => f.id));
  for (const f of fitted.forms) if (!known.has(f.id)) forms.push(f);

  const segments = [...target.segments];
  for (const s of fitted.segments) if (!segments.some((x) => x.id === s.id)) segments.push(s);

  const inflow: Inflow[] = target.inflow.map((old) => {
    const fresh = fitted.inflow.find((i) => i.segment === old.segment);
    if (!fresh) return old;
    const { trendPerYear: _oldTrend, ...rest } = old;
    return {
      ...rest,
      episodesPerYear: fresh.episodesPerYear,
      ...(fresh.trendPerYear !== undefined ? { trendPerYear: fresh.trendPerYear } : {}),
      mix: fresh.mix,
    };
  });
  for (const i of fitted.inflow) if (!inflow.some((x) => x.segment === i.segment)) inflow.push(i);

  const startDay = `${target.start}-01`;
  const covered = new Set(fitted.forms.map((f) => f.id));
  const caseload: InitialCaseloadEntry[] = (target.initialCaseload ?? []).filter((c) => !covered.has(c.form));
  for (const c of fitted.initialCaseload ?? []) {
    const startDates = (c.startDates ?? []).filter((d) => d < startDay);
    if (startDates.length > 0) caseload.push({ form: c.form, startDates });
  }

  return { ...target, segments, forms, inflow, initialCaseload: caseload };
}
