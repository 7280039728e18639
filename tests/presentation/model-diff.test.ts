/**
 * The difference between two model versions in words, and the three-way merge by the same paths: the texts a
 * controller reads for the edits the editor makes, that moving things around is no change, and, as
 * properties over random edits of the fixture model, that a diff of a model with itself is empty, that a merge
 * with one untouched side gives the other side, and that edits of different things merge without conflicts.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { diffModels, mergeModels, toIndexPath, valueAt, withValueAt, type ModelChange } from '../../presentation/model-diff.js';
import { parseModel, type Model } from '../../simulation/index.js';
import { validModel } from '../fixtures/models.js';

const base = (): Model => parseModel(validModel());
const edit = (f: (m: any) => void): Model => {
  const m = validModel();
  f(m);
  return m as Model;
};
/** The texts with no-break spaces shown as spaces, so the expectations stay readable (one test checks them). */
const texts = (a: Model, b: Model, lang: 'sv' | 'en' = 'sv') => diffModels(a, b, lang).map((c) => c.text.replace(/\u00a0/g, ' '));
const paths = (changes: ModelChange[]) => changes.map((c) => c.path);

describe('diffModels', () => {
  it('reads a changed day price, a new form, a budget and an option effect as a controller says them', () => {
    const after = edit((m) => {
      m.forms[0].dailyCost = { type: 'pert', min: 4000, mode: 4800, max: 6800 };
      m.forms.push({ id: 'eget', label: 'Eget HVB', segment: 'bou', provider: 'internal', dailyCost: 900, lengthOfStayDays: 120 });
      m.budget['2027'] = 56_000_000;
      m.options[0].effects[1].multiplier = { type: 'pert', min: 0.7, mode: 0.8, max: 0.9 };
    });
    expect(texts(base(), after)).toEqual([
      'Budget 2027: 54,0 → 56,0 mkr',
      'HVB (köpt plats): dygnskostnad PERT 3 800–6 500 kr, troligast 4 600 kr → PERT 4 000–6 800 kr, troligast 4 800 kr',
      'Ny placeringsform: Eget HVB',
      'Placeringscontroller: effekt på vårdtid PERT 0,75–0,97, troligast 0,85 → PERT 0,7–0,9, troligast 0,8',
    ]);
    expect(texts(base(), after, 'en')).toEqual([
      'Budget 2027: 54.0 → 56.0 MSEK',
      'HVB (köpt plats): price per care day PERT 3,800–6,500 SEK, most likely 4,600 SEK → PERT 4,000–6,800 SEK, most likely 4,800 SEK',
      'New placement form: Eget HVB',
      'Placeringscontroller: effect on length of stay PERT 0.75–0.97, most likely 0.85 → PERT 0.7–0.9, most likely 0.8',
    ]);
    expect(paths(diffModels(base(), after, 'sv'))).toEqual([
      ['budget', '2027'],
      ['forms', 'hvb', 'dailyCost'],
      ['forms', 'eget'],
      ['options', 'controller', 'effects', 'lengthOfStay', 'multiplier'],
    ]);
  });

  it('keeps a number and its unit together with no-break spaces, as the rest of the page does', () => {
    const [change] = diffModels(
      base(),
      edit((m) => (m.forms[0].dailyCost = 4000)),
      'sv',
    );
    expect(change.text).toContain('4\u00a0000 kr');
  });

  it('finds nothing between a model and itself, or the same model with its lists in another order', () => {
    expect(diffModels(base(), base(), 'sv')).toEqual([]);
    const shuffled = edit((m) => {
      m.forms.reverse();
      m.segments.reverse();
      m.inflow.reverse();
      m.initialCaseload.reverse();
      m.options.reverse();
      m.options[2].effects.reverse();
    });
    expect(diffModels(base(), shuffled, 'sv')).toEqual([]);
  });

  it('takes null, an empty list and absent for the same (no capacity, no overflow, no seasonality, no step-downs)', () => {
    const after = edit((m) => {
      delete m.forms[0].capacity;
      delete m.forms[0].overflowTo;
      m.inflow[1].seasonality = null;
      m.forms[3].next = [];
    });
    expect(diffModels(base(), after, 'sv')).toEqual([]);
  });

  it('names only the shares of a mix that moved, and only the months of seasonality that changed', () => {
    const after = edit((m) => {
      m.inflow[0].mix.hvb = 0.25;
      m.inflow[0].mix.familjehem = 0.45;
      m.inflow[0].seasonality[0] = 1.3;
    });
    expect(texts(base(), after)).toEqual([
      'Inflöde barn och unga, säsongsvariation: jan 1,1 → 1,3',
      'Inflöde barn och unga, fördelning på placeringsformer: Familjehem 40 % → 45 %, HVB (köpt plats) 30 % → 25 %',
    ]);
  });

  it('words added and removed things, and form fields without units of their own', () => {
    const after = edit((m) => {
      m.segments.push({ id: 'ny', label: 'Unga vuxna' });
      m.options = m.options.filter((o: { id: string }) => o.id !== 'oppenvard');
      m.options.push({ id: 'avtal', label: 'Avtal med grannkommun', effects: [] });
      m.forms[0].capacity = 10;
      m.forms[0].overflowTo = 'familjehem';
      m.forms[0].provider = 'internal';
      m.forms[1].next = [{ form: 'hvb', probability: 0.1 }];
      m.forms[0].maxAgeYears = 20;
      delete m.budget['2026'];
      m.budget['2028'] = 58_000_000;
      m.horizonMonths = 72;
      m.annualPriceIncrease = 0.03;
      m.name = 'Ny kommun';
    });
    expect(texts(base(), after)).toEqual([
      'Modellens namn: Testkommun → Ny kommun',
      'Prognosperiod: 60 månader → 72 månader',
      'Årlig prisökning: triangel 2–6 %, troligast 3,5 % → 3 %',
      'Budget 2028: 58,0 mkr (ny)',
      'Budget 2026: borttagen (52,0 mkr)',
      'Nytt segment: Unga vuxna',
      'HVB (köpt plats): drivs av köpt plats → egen regi',
      'HVB (köpt plats): platser obegränsat → 10 platser',
      'HVB (köpt plats): vid fullt till ingen → Familjehem',
      'HVB (köpt plats): åldersgräns 21 år → 20 år',
      'Familjehem: steg ned vid avslut ingen → 10 % till HVB (köpt plats)',
      'Ny åtgärd: Avtal med grannkommun',
      'Åtgärd borttagen: Utökad öppenvård',
    ]);
  });

  it('words the initial caseload by form and the effects of an option by what they do', () => {
    const after = edit((m) => {
      m.initialCaseload[0].count = 10;
      m.initialCaseload.push({ form: 'hvb', count: 2, elapsedDays: 30 });
      m.options[1].effects[1].fromMonth = 6;
      m.options[1].effects[1].rampMonths = 0;
      m.options[0].effects[1].forms = ['hvb'];
      m.options[0].effects.push({ type: 'lengthOfStay', forms: ['stodboende'], multiplier: 0.9 });
      m.options[2].effects[0].form.capacity = 6;
      m.options[2].effects[0].takes.share = 0.5;
    });
    expect(texts(base(), after)).toEqual([
      'Pågående placeringar vid start, HVB (köpt plats), antal: 8 → 10',
      'Pågående placeringar vid start, HVB (köpt plats): ny grupp, 2 st',
      'Placeringscontroller, effekten på vårdtid: gäller HVB (köpt plats), Familjehem → HVB (köpt plats)',
      'Placeringscontroller: ny effekt, effekten på vårdtid',
      'Utökad öppenvård, effekten på inflöde: börjar apr 2026 → jul 2026',
      'Utökad öppenvård, effekten på inflöde: upptrappning 12 månader → ingen',
      'Egen HVB nr 2, Ny egen HVB: platser 4 platser → 6 platser',
      'Egen HVB nr 2: andel av nya placeringar som tas emot likformig 50–90 % → 50 %',
    ]);
    expect(paths(diffModels(base(), after, 'sv'))[1]).toEqual(['initialCaseload', 'hvb#2']);
    expect(paths(diffModels(base(), after, 'sv'))[3]).toEqual(['options', 'controller', 'effects', 'lengthOfStay#2']);
  });

  it('never shows a path, an id in braces or JSON for a field it has no words for', () => {
    const after = edit((m) => {
      m.forms[0].label = 'HVB köpt';
      m.description = 'Ny text';
      m.options[0].kind = 'custom';
      m.options[1].label = 'Öppenvård plus';
      m.segments[1].label = 'Vuxna 21+';
      m.initialCaseload[1].startDates.push('2025-12-01');
    });
    const t = texts(base(), after);
    expect(t).toEqual([
      'Beskrivning: ändrad',
      'Segment, namn: Vuxna → Vuxna 21+',
      'Placeringsform, namn: HVB (köpt plats) → HVB köpt',
      'Pågående placeringar vid start, HVB vuxna, startdatum: 2 datum → 3 datum',
      'Placeringscontroller: typ placeringscontroller → egen',
      'Åtgärd, namn: Utökad öppenvård → Öppenvård plus',
    ]);
    for (const line of t) expect(line).not.toMatch(/[{}[\]"]/);
  });
});

describe('mergeModels', () => {
  it('puts my change on top of theirs when they touched other things', () => {
    const mine = edit((m) => (m.forms[0].dailyCost = 5000));
    const theirs = edit((m) => {
      m.forms[1].dailyCost = 1000;
      m.budget['2027'] = 60_000_000;
    });
    const { merged, conflicts } = mergeModels(base(), mine, theirs);
    expect(conflicts).toEqual([]);
    expect(merged.forms[0].dailyCost).toBe(5000);
    expect(merged.forms[1].dailyCost).toBe(1000);
    expect(merged.budget?.['2027']).toBe(60_000_000);
    expect(() => parseModel(merged)).not.toThrow();
  });

  it('reports a field both changed differently, keeps theirs there, and lets mine be taken', () => {
    const mine = edit((m) => (m.forms[0].dailyCost = 5000));
    const theirs = edit((m) => (m.forms[0].dailyCost = 5100));
    const { merged, conflicts } = mergeModels(base(), mine, theirs);
    expect(conflicts).toEqual([{ path: ['forms', 'hvb', 'dailyCost'], mine: 5000, theirs: 5100 }]);
    expect(merged.forms[0].dailyCost).toBe(5100);
    const chosen = withValueAt(merged, conflicts[0].path, conflicts[0].mine);
    expect(chosen.forms[0].dailyCost).toBe(5000);
    expect(diffModels(mine, chosen, 'sv')).toEqual([]);
  });

  it('takes the same change made by both without a conflict', () => {
    const both = edit((m) => (m.horizonMonths = 48));
    expect(mergeModels(base(), both, both).conflicts).toEqual([]);
  });

  it('treats changing a thing the other removed as a conflict at the thing', () => {
    const mine = edit((m) => (m.options[1].effects[0].perYear = 3_000_000));
    const theirs = edit((m) => m.options.splice(1, 1));
    const { merged, conflicts } = mergeModels(base(), mine, theirs);
    expect(conflicts.map((c) => c.path)).toEqual([['options', 'oppenvard']]);
    expect(conflicts[0].theirs).toBeUndefined();
    expect(merged.options?.map((o) => o.id)).toEqual(['controller', 'ny_hvb']);
    // Choosing mine brings the option back, with my change.
    const chosen = withValueAt(merged, conflicts[0].path, conflicts[0].mine);
    expect(valueAt(chosen, ['options', 'oppenvard', 'effects', 'cost', 'perYear'])).toBe(3_000_000);
  });

  it('keeps a removal by one side when the other left the thing alone', () => {
    const mine = edit((m) => m.forms.splice(3, 1));
    const theirs = edit((m) => (m.forms[0].capacity = 3));
    const { merged, conflicts } = mergeModels(base(), mine, theirs);
    expect(conflicts).toEqual([]);
    expect(merged.forms.map((f) => f.id)).not.toContain('stodboende');
    expect(merged.forms[0].capacity).toBe(3);
  });

  it('keeps their order and places what I added after what it follows in my list', () => {
    const mine = edit((m) => m.forms.splice(1, 0, { ...m.forms[1], id: 'mitt', label: 'Mitt' }));
    const theirs = edit((m) => m.forms.reverse());
    const { merged, conflicts } = mergeModels(base(), mine, theirs);
    expect(conflicts).toEqual([]);
    expect(merged.forms.map((f) => f.id)).toEqual(['vuxen_boende', 'vuxen_hvb', 'stodboende', 'egen_hvb', 'familjehem', 'hvb', 'mitt']);
  });

  it('merges a mix as one decision, since its shares must sum to one', () => {
    const mine = edit((m) => {
      m.inflow[0].mix.hvb = 0.2;
      m.inflow[0].mix.familjehem = 0.5;
    });
    const theirs = edit((m) => {
      m.inflow[0].mix.stodboende = 0.05;
      m.inflow[0].mix.familjehem = 0.45;
    });
    const { conflicts } = mergeModels(base(), mine, theirs);
    expect(conflicts.map((c) => c.path)).toEqual([['inflow', 'bou', 'mix']]);
  });
});

describe('paths', () => {
  it('turn into positions of one model as the schema names fields', () => {
    const m = base();
    expect(toIndexPath(m, ['forms', 'egen_hvb', 'dailyCost'])).toEqual(['forms', 2, 'dailyCost']);
    expect(toIndexPath(m, ['options', 'oppenvard', 'effects', 'inflow', 'multiplier'])).toEqual(['options', 1, 'effects', 1, 'multiplier']);
    expect(toIndexPath(m, ['forms', 'nope'])).toBeUndefined();
  });
});

// ---------------------------------------------------------------------------------------------------------
// Properties over random edits

type Mutation = (m: any, x: number) => void;
/** Each edits a different thing, so two sets of them with no index in common never conflict. */
const byId = (list: { id: string }[], id: string): any => list.find((x) => x.id === id);
const MUTATIONS: Mutation[] = [
  (m, x) => (byId(m.forms, 'hvb').dailyCost = 3000 + x),
  (m, x) => (m.budget['2027'] = 50_000_000 + x),
  (m, x) => m.forms.push({ id: 'ny', label: `Ny ${x}`, segment: 'bou', provider: 'internal', dailyCost: x, lengthOfStayDays: 100 }),
  (m) => (m.options = m.options.filter((o: { id: string }) => o.id !== 'oppenvard')),
  (m, x) => (m.inflow[0].episodesPerYear = { type: 'gamma', mean: 20 + x, sd: 5 }),
  (m, x) => (byId(m.options, 'controller').effects[1].multiplier = 0.5 + x / 2000),
  (m, x) => (m.initialCaseload[0].count = x),
  (m, x) => (byId(m.segments, 'vuxen').label = `Vuxna ${x}`),
  (m, x) => (m.horizonMonths = 1 + (x % 200)),
  (m) => delete m.budget['2026'],
  (m, x) => m.options.push({ id: 'opt', label: `Åtgärd ${x}`, effects: [{ type: 'cost', perYear: x }] }),
  (m, x) => (byId(m.options, 'ny_hvb').effects[0].form.capacity = 1 + x),
  (m, x) => (byId(m.forms, 'vuxen_hvb').next = [{ form: 'vuxen_boende', probability: x / 1000 }]),
  (m) => m.forms.reverse(),
];

const edits = fc.uniqueArray(fc.tuple(fc.nat({ max: MUTATIONS.length - 1 }), fc.nat({ max: 999 })), {
  selector: ([i]) => i,
  maxLength: 6,
});
const apply = (list: [number, number][]): Model => edit((m) => list.forEach(([i, x]) => MUTATIONS[i](m, x)));

describe('model-diff properties', () => {
  it('a model against itself has no changes', () => {
    fc.assert(fc.property(edits, (e) => diffModels(apply(e), apply(e), 'sv').length === 0));
  });

  it('merging with an untouched side gives the other side', () => {
    fc.assert(
      fc.property(edits, (e) => {
        const mine = apply(e);
        const a = mergeModels(base(), mine, base());
        const b = mergeModels(base(), base(), mine);
        expect(a.conflicts).toEqual([]);
        expect(b.conflicts).toEqual([]);
        expect(a.merged).toEqual(mine);
        expect(b.merged).toEqual(mine);
      }),
    );
  });

  it('edits of different things merge without conflicts into both sets of edits', () => {
    fc.assert(
      fc.property(edits, edits, (e1, e2) => {
        const taken = new Set(e1.map(([i]) => i));
        const other = e2.filter(([i]) => !taken.has(i));
        const { merged, conflicts } = mergeModels(base(), apply(e1), apply(other));
        expect(conflicts).toEqual([]);
        expect(diffModels(apply([...other, ...e1]), merged, 'sv')).toEqual([]);
      }),
    );
  });

  it('the same thing edited to different values is a conflict, and taking mine gives my value', () => {
    fc.assert(
      fc.property(fc.nat({ max: MUTATIONS.length - 1 }), fc.nat({ max: 499 }), (i, x) => {
        fc.pre(![3, 9, 13].includes(i)); // these edits have no value to differ in
        fc.pre(i !== 8 || x % 200 !== (x + 500) % 200);
        const mine = apply([[i, x]]);
        const theirs = apply([[i, x + 500]]);
        // An edit to the value the fixture already has (a count of 8) is no edit.
        fc.pre(diffModels(base(), mine, 'sv').length > 0 && diffModels(base(), theirs, 'sv').length > 0);
        const { merged, conflicts } = mergeModels(base(), mine, theirs);
        expect(conflicts.length).toBeGreaterThan(0);
        const chosen = conflicts.reduce((m, c) => withValueAt(m, c.path, c.mine), merged);
        expect(diffModels(mine, chosen, 'sv')).toEqual([]);
      }),
    );
  });

  it('each change names a path that carries the later value: applying them all turns before into after', () => {
    fc.assert(
      fc.property(edits, edits, (e1, e2) => {
        const before = apply(e1);
        const after = apply(e2);
        const changes = diffModels(before, after, 'en');
        const rebuilt = changes.reduce((m, c) => withValueAt(m, c.path, valueAt(after, c.path)), before);
        expect(diffModels(rebuilt, after, 'en')).toEqual([]);
        for (const c of changes) expect(c.text).not.toMatch(/undefined|NaN|\[object/);
      }),
    );
  });
});
