/** The API's English field messages, put into Swedish on the Swedish page where a pattern knows them. */
import { describe, expect, it } from 'vitest';
import { apiMessage } from '../../web/src/i18n/api-messages.js';
import { parseModel, ValidationError } from '../../simulation/schema.js';
import { readFileSync } from 'node:fs';

const small = JSON.parse(readFileSync(new URL('../../examples/small-municipality.json', import.meta.url), 'utf8')) as Record<
  string,
  unknown
>;

function issuesOf(model: unknown): string[] {
  try {
    parseModel(model);
  } catch (e) {
    if (e instanceof ValidationError) return e.issues.map((i) => i.message);
    throw e;
  }
  return [];
}

describe('API messages on the Swedish page', () => {
  it('puts the engine’s common messages into Swedish', () => {
    const [range] = issuesOf({ ...small, horizonMonths: -3 });
    expect(apiMessage(range, 'sv')).toEqual({ text: 'måste vara mellan 1 och 240', lang: 'sv' });
    const [missing] = issuesOf({ ...small, name: undefined });
    expect(apiMessage(missing, 'sv')).toEqual({ text: 'saknas', lang: 'sv' });
    const [type] = issuesOf({ ...small, horizonMonths: 'tolv' });
    expect(apiMessage(type, 'sv')).toEqual({ text: 'måste vara ett tal', lang: 'sv' });
    const [extra] = issuesOf({ ...small, colour: 'blå' });
    expect(apiMessage(extra, 'sv')).toEqual({ text: 'okänt fält "colour"', lang: 'sv' });
    // Bounds the schema gives without words of its own read plainly too, not as zod's "Too big: expected int to be <=239".
    const options = small.options as { effects: unknown[] }[];
    const late = [{ ...options[0], effects: [{ ...(options[0].effects[0] as object), fromMonth: 500 }] }, ...options.slice(1)];
    const [bound] = issuesOf({ ...small, options: late });
    expect(bound).toBe('must be at most 239');
    expect(apiMessage(bound, 'sv')).toEqual({ text: 'får vara högst 239', lang: 'sv' });
    const [year] = issuesOf({ ...small, budget: { '20x6': 1 } });
    expect(apiMessage(year, 'sv')).toEqual({ text: 'budgetåren skrivs ÅÅÅÅ', lang: 'sv' });
    const teleport = [{ ...options[0], effects: [{ type: 'teleport' }] }, ...options.slice(1)];
    const [effectType] = issuesOf({ ...small, options: teleport });
    expect(apiMessage(effectType, 'sv')).toEqual({
      text: 'måste vara en av "cost", "inflow", "lengthOfStay", "dailyCost", "mixShift", "addForm"',
      lang: 'sv',
    });
  });

  it('keeps a message no pattern knows as the API wrote it, marked English, and leaves English alone', () => {
    expect(apiMessage('grows the inflow beyond 20,000 episodes a year within the horizon', 'sv')).toEqual({
      text: 'grows the inflow beyond 20,000 episodes a year within the horizon',
      lang: 'en',
    });
    expect(apiMessage('is required', 'en')).toEqual({ text: 'is required', lang: 'en' });
  });
});
