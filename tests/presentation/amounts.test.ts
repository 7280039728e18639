/** Amounts in MSEK as people type them (the probability question) and correlations as people read them (the tornado). */
import { describe, expect, it } from 'vitest';
import { formatCorrelation } from '../../presentation/correlation.js';
import { parseMsek } from '../../presentation/parse-amount.js';

describe('parseMsek', () => {
  it.each([
    ['85,5', 85.5],
    ['85.5', 85.5],
    [' 85 ', 85],
    ['1 234,5', 1234.5],
    ['1\u00a0234,5', 1234.5],
    ['85,5 mkr', 85.5],
    ['0', 0],
    [',5', 0.5],
  ])('reads %j as %d', (text, msek) => {
    expect(parseMsek(text)).toEqual({ ok: true, msek });
  });

  it.each([
    ['', 'empty'],
    ['   ', 'empty'],
    ['abc', 'notNumber'],
    ['85,5,1', 'notNumber'],
    ['1,234.5', 'notNumber'],
    ['12e3', 'notNumber'],
    ['mkr', 'notNumber'],
    ['-3', 'negative'],
    ['\u22123,5', 'negative'],
  ])('refuses %j as %s', (text, problem) => {
    expect(parseMsek(text)).toEqual({ ok: false, problem });
  });
});

describe('formatCorrelation', () => {
  it('shows two decimals, the Swedish minus and no sign on zero', () => {
    expect(formatCorrelation(-0.4234, 'sv')).toBe('\u22120,42');
    expect(formatCorrelation(0.5, 'en')).toBe('0.50');
    expect(formatCorrelation(-0.001, 'sv')).toBe('0,00');
  });
});
