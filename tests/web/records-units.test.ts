/** The pure parts of the page's records screens: the worker's computation, the merge, the option checks. */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseModel, type Model } from '../../simulation/schema.js';
import { checkCalibrateFields } from '../../web/src/records/calibrate-options.js';
import { mergeCalibration } from '../../web/src/records/merge.js';
import { runRecords } from '../../web/src/records/run-records.js';
import { warningText } from '../../web/src/records/warning-text.js';
import { sortWarnings } from '../../web/src/records/warnings.js';
import { records } from '../../web/src/i18n/records.js';
import { hrefOf, parseRoute } from '../../web/src/routes.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const CSV = [join(ROOT, '../shared/data/placements-midsize.csv'), '/work/shared/data/placements-midsize.csv'].find((p) => existsSync(p))!;
const TEXT = readFileSync(CSV, 'utf8');
const reference = JSON.parse(readFileSync(join(ROOT, 'examples/reference-midsize.json'), 'utf8')) as Model;

function calibrated() {
  const r = runRecords({ kind: 'calibrate', text: TEXT, skipBadRows: false, to: '2024-12-31', start: '2025-01' });
  if (r.kind !== 'calibrated') throw new Error(JSON.stringify(r));
  return r;
}

describe('the records worker computation', () => {
  it('makes the model of npm run calibrate with the same options', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'pp-records-')), 'm.json');
    execFileSync(
      process.execPath,
      ['bin/run.mjs', 'calibrate', '--records', CSV, '--to', '2024-12-31', '--start', '2025-01', '--out', out],
      {
        cwd: ROOT,
        stdio: 'ignore',
      },
    );
    expect(calibrated().model).toEqual(JSON.parse(readFileSync(out, 'utf8')));
  });

  it('draws a Kaplan–Meier curve per fitted form that starts at 1 and never rises', () => {
    const { curves, report } = calibrated();
    expect(curves.map((c) => c.form)).toEqual(report.forms.filter((f) => !f.stayPlaceholder).map((f) => f.form));
    for (const c of curves) {
      expect(c.km[0]).toEqual({ days: 0, share: 1 });
      for (let i = 1; i < c.km.length; i++) expect(c.km[i].share).toBeLessThanOrEqual(c.km[i - 1].share);
      // The fitted curve at the model's median is one half.
      const fit = report.forms.find((f) => f.form === c.form)!;
      const mid = c.fitted.reduce((a, p) => (Math.abs(p.days - fit.stay.median) < Math.abs(a.days - fit.stay.median) ? p : a));
      expect(Math.abs(mid.share - 0.5)).toBeLessThan(0.1);
    }
  });

  it('answers bad rows with their rows, and a refused window with its reason', () => {
    const bad = runRecords({
      kind: 'calibrate',
      text: 'episode_id,person_id,segment,form,start_date,end_date\nA,B,bou,hvb,2020-02-30,\n',
      skipBadRows: false,
    });
    expect(bad).toMatchObject({ kind: 'badRows', problems: [{ row: 2, column: 'start_date' }], count: 1 });
    const many = runRecords({
      kind: 'calibrate',
      text: ['episode_id,person_id,segment,form,start_date,end_date', ...Array.from({ length: 1200 }, (_, i) => `E${i},,bou,hvb,x,`)].join(
        '\n',
      ),
      skipBadRows: false,
    });
    // Two problems a row: the heading counts all 2400, not the 1000 entries of the capped list.
    expect(many).toMatchObject({ kind: 'badRows', count: 2400 });
    expect(many.kind === 'badRows' && many.problems.length).toBe(1000);
    expect(runRecords({ kind: 'calibrate', text: TEXT, skipBadRows: false, from: '2030-01-01' })).toMatchObject({ kind: 'refused' });
  });
});

describe('the records worker backtest', () => {
  it('gives the numbers of npm run backtest --json', () => {
    const out = execFileSync(
      process.execPath,
      ['bin/run.mjs', 'backtest', '--records', CSV, '--cutoff', '2022-12-31', '--years', '2', '--trials', '500', '--json'],
      {
        cwd: ROOT,
        encoding: 'utf8',
      },
    );
    const r = runRecords({ kind: 'backtest', text: TEXT, skipBadRows: false, cutoff: '2022-12-31', years: 2, trials: 500, seed: 1 });
    if (r.kind !== 'backtested') throw new Error(JSON.stringify(r));
    expect(JSON.parse(JSON.stringify(r.result))).toEqual(JSON.parse(out));
  });
});

describe('merging a calibration into a model', () => {
  it('replaces what the records measure and keeps the rest, and the result is valid', () => {
    const { model, report } = calibrated();
    const merged = parseModel(mergeCalibration(reference, model, report));
    for (const key of ['name', 'description', 'start', 'horizonMonths', 'annualPriceIncrease', 'budget', 'options'] as const) {
      expect(merged[key], key).toEqual(reference[key]);
    }
    const fitted = new Map(model.forms.map((f) => [f.id, f]));
    for (const f of merged.forms) {
      const old = reference.forms.find((x) => x.id === f.id);
      const fresh = fitted.get(f.id);
      if (old) {
        expect(f.label).toBe(old.label);
        expect(f.provider).toBe(old.provider);
        expect(f.capacity).toEqual(old.capacity);
      }
      if (fresh && old)
        expect(f.lengthOfStayDays).toEqual(
          report.forms.find((x) => x.form === f.id)!.stayPlaceholder ? old.lengthOfStayDays : fresh.lengthOfStayDays,
        );
      if (!fresh) expect(f).toEqual(old);
    }
    for (const i of merged.inflow) {
      const fresh = model.inflow.find((x) => x.segment === i.segment);
      if (fresh) expect(i.mix).toEqual(fresh.mix);
    }
    const caseForms = new Set(model.forms.map((f) => f.id));
    for (const c of merged.initialCaseload ?? []) {
      if (caseForms.has(c.form)) expect(c.startDates).toEqual(model.initialCaseload!.find((x) => x.form === c.form)!.startDates);
    }
  });
});

describe('the small pieces', () => {
  it('checks the options as the command line does, empty meaning its default', () => {
    expect(checkCalibrateFields({ from: '', to: '', start: '', horizon: '' })).toEqual({ problems: {}, options: {} });
    expect(checkCalibrateFields({ from: '2020-02-30', to: '2019-01-01', start: '2020-13', horizon: '0' }).problems).toEqual({
      from: 'date',
      start: 'month',
      horizon: 'horizon',
    });
    expect(checkCalibrateFields({ from: '2020-01-01', to: '2019-01-01', start: '', horizon: '12' })).toEqual({
      problems: { to: 'toBeforeFrom' },
      options: { from: '2020-01-01', to: '2019-01-01', horizonMonths: 12 },
    });
  });

  it('puts each warning next to its form or segment', () => {
    const w = sortWarnings(['form hvb: thin data', 'segment bou: only 2 years', 'form hvb: no prices', 'annualPriceIncrease is a default']);
    expect(w.forms.get('hvb')).toHaveLength(2);
    expect(w.segments.get('bou')).toEqual(['segment bou: only 2 years']);
    expect(w.other).toEqual(['annualPriceIncrease is a default']);
  });

  it("says every warning calibrate() writes in the page's language", () => {
    // The shared records' warnings, and those of a thin file with a placeholder stay, no prices and a mixed-up form.
    const thin = [
      'episode_id,person_id,segment,form,start_date,end_date,daily_cost',
      'A1,P1,bou,hvb,2020-01-10,2020-03-01,',
      'A2,P2,bou,hvb,2020-02-10,,',
      'A3,P3,vuxen,hvb,2020-03-10,,',
      'A4,P4,bou,sis,2021-05-01,2021-06-01,100',
      'A5,P5,bou,sis,2021-07-01,2021-09-01,110',
    ].join('\n');
    const r = runRecords({ kind: 'calibrate', text: thin, skipBadRows: false });
    if (r.kind !== 'calibrated') throw new Error(JSON.stringify(r));
    // A start inside the data, and a planned end date after the last start's month.
    const inData = runRecords({
      kind: 'calibrate',
      text: `${thin}\nA6,P6,bou,sis,2021-08-01,2099-01-01,120`,
      skipBadRows: false,
      start: '2021-01',
    });
    if (inData.kind !== 'calibrated') throw new Error(JSON.stringify(inData));
    expect(inData.report.warnings.filter((w) => /^(the model starts|end_date after)/.test(w))).toHaveLength(2);
    const all = [...calibrated().report.warnings, ...r.report.warnings, ...inData.report.warnings];
    expect(all.length).toBeGreaterThan(8);
    for (const w of all) {
      for (const lang of ['sv', 'en'] as const) expect(warningText(w, records[lang]).lang, w).toBeUndefined();
    }
    expect(warningText('form x: something new', records.sv)).toEqual({ text: 'form x: something new', lang: 'en' });
    // One of a thing is said in the singular, in both languages ("bara 1 registrerade dygnspriser" read wrong).
    expect(warningText('form hvb: thin data, only 1 recorded price', records.sv).text).toBe('Tunt underlag: bara 1 registrerat dygnspris.');
    expect(warningText('segment bou: thin data, only 1 entry into care', records.en).text).toBe('Thin data: only 1 new placement.');
  });

  it('routes #/calibrate and #/backtest both ways', () => {
    for (const r of [{ screen: 'calibrate' }, { screen: 'backtest' }] as const) expect(parseRoute(hrefOf(r))).toEqual(r);
    expect(parseRoute('#/calibrate/x')).toEqual({ screen: 'models' });
  });
});
