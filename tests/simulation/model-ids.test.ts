/**
 * Form and segment names from a case system's export ("HVB köpt", "Stödboende", "skyddat boende") as model ids
 * (simulation/calibration/model-ids.ts): calibrate makes a model that loads and simulates, keeps the names as
 * labels, refuses two names that would share an id, and the backtest matches the records to the model's forms.
 */
import { describe, expect, it } from 'vitest';
import { modelId, toModelIds } from '../../simulation/calibration/model-ids.js';
import { calibrate } from '../../simulation/calibration/calibrate.js';
import { backtest } from '../../simulation/calibration/backtest.js';
import { linkEpisodes, parseRecords } from '../../simulation/calibration/records.js';
import { parseModel, simulate } from '../../simulation/index.js';

const HEADER = 'episode_id,person_id,segment,form,start_date,end_date,daily_cost';

/** Two years of entries every three weeks in three forms with names as a case system writes them, some ongoing. */
function exportCsv(names: { seg: string; forms: string[] }): string {
  const rows = [HEADER];
  const day0 = Date.UTC(2020, 0, 6) / 86_400_000;
  const iso = (d: number) => new Date(d * 86_400_000).toISOString().slice(0, 10);
  for (let i = 0; i < 70; i++) {
    const start = day0 + i * 21;
    const len = 60 + ((i * 37) % 200);
    const end = start + len - 1 <= day0 + 70 * 21 ? iso(start + len - 1) : '';
    rows.push(`E${i},P${i},${names.seg},${names.forms[i % names.forms.length]},${iso(start)},${end},${1000 + i}`);
  }
  return rows.join('\n') + '\n';
}

const episodesOf = (csv: string) => {
  const parsed = parseRecords(csv);
  expect(parsed.problems).toEqual([]);
  return linkEpisodes(parsed.records);
};

describe('modelId', () => {
  it('lower-cases, drops accents and turns other characters into "_"', () => {
    expect(modelId('HVB köpt')).toBe('hvb_kopt');
    expect(modelId('Stödboende')).toBe('stodboende');
    expect(modelId('skyddat boende')).toBe('skyddat_boende');
    expect(modelId('Skyddat boende – våld')).toBe('skyddat_boende_vald');
    expect(modelId('Familjehem (konsulent)')).toBe('familjehem_konsulent');
    expect(modelId(' SiS ')).toBe('sis');
    expect(modelId('café')).toBe('cafe');
    expect(modelId('familjehem_egna')).toBe('familjehem_egna');
  });
});

describe('calibrate with names that are not model ids', () => {
  const csv = exportCsv({ seg: 'Barn och unga', forms: ['HVB köpt', 'Stödboende', 'skyddat boende'] });
  const { model, report } = calibrate(episodesOf(csv), { horizonMonths: 24 });

  it('makes a model that loads and simulates, with the names as labels', () => {
    expect(model.forms.map((f) => [f.id, f.label])).toEqual([
      ['hvb_kopt', 'HVB köpt'],
      ['skyddat_boende', 'skyddat boende'],
      ['stodboende', 'Stödboende'],
    ]);
    expect(model.segments).toEqual([{ id: 'barn_och_unga', label: 'Barn och unga' }]);
    const parsed = parseModel(model);
    expect(Object.keys(parsed.inflow[0].mix).sort()).toEqual(['hvb_kopt', 'skyddat_boende', 'stodboende']);
    expect((model.initialCaseload ?? []).every((c) => ['hvb_kopt', 'skyddat_boende', 'stodboende'].includes(c.form))).toBe(true);
    const result = simulate({ model: parsed, scenarios: [], trials: 20, seed: 3 });
    expect(result.scenarios[0].periods.total.careDays.total.p50).toBeGreaterThan(0);
  });

  it('reports ids and labels', () => {
    expect(report.forms.map((f) => [f.form, f.label])).toEqual([
      ['hvb_kopt', 'HVB köpt'],
      ['skyddat_boende', 'skyddat boende'],
      ['stodboende', 'Stödboende'],
    ]);
    expect(report.segments.map((s) => [s.segment, s.label])).toEqual([['barn_och_unga', 'Barn och unga']]);
  });

  it('refuses two names that would become the same id, naming both and a row', () => {
    const clash = exportCsv({ seg: 'bou', forms: ['HVB', 'hvb'] });
    expect(() => calibrate(episodesOf(clash))).toThrow(RangeError);
    expect(() => calibrate(episodesOf(clash))).toThrow(/row \d+, form: "hvb" and "HVB" \(row \d+\) both become the model id "hvb"/);
    const segments = exportCsv({ seg: 'Vuxen', forms: ['a'] }).replace('E1,P1,Vuxen', 'E1,P1,vuxen');
    expect(() => toModelIds(episodesOf(segments))).toThrow(/segment: "vuxen" and "Vuxen" \(row 2\) both become the model id "vuxen"/);
  });

  it('refuses a reserved or overlong name, naming the row', () => {
    expect(() => calibrate(episodesOf(exportCsv({ seg: 'bou', forms: ['constructor'] })))).toThrow(
      /row 2, form: "constructor" is a reserved name/,
    );
    expect(() => calibrate(episodesOf(exportCsv({ seg: 'bou', forms: ['–'] })))).toThrow(
      /row 2, form: the name "–" has no letter or digit/,
    );
    const long = 'x'.repeat(65);
    expect(() => calibrate(episodesOf(exportCsv({ seg: 'bou', forms: [long] })))).toThrow(/row 2, form: the name "x+" is longer than 64/);
  });

  it('the backtest compares the records’ care days with the model’s forms of those names', () => {
    const r = backtest(episodesOf(exportCsv({ seg: 'bou', forms: ['HVB köpt', 'Stödboende'] })), {
      cutoff: '2020-12-31',
      years: 1,
      trials: 50,
      seed: 1,
    });
    const forms = r.rows.filter((x) => x.measure === 'careDays' && x.form !== 'total').map((x) => x.form);
    expect(forms.sort()).toEqual(['hvb_kopt', 'stodboende']);
    expect(r.rows.find((x) => x.form === 'hvb_kopt')!.observed).toBeGreaterThan(0);
    expect(r.rows.find((x) => x.form === 'hvb_kopt')!.p90).toBeGreaterThan(0);
  });
});
