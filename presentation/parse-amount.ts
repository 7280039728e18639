/**
 * An amount in MSEK as a person types it: "85,5", "85.5", "1 234,5" or "85,5 mkr". Either mark is read as the
 * decimal mark in either language, because a Swede reading the English page still types "85,5"; a second mark
 * ("1,234.5") is refused rather than guessed at, since guessing wrong would answer a question nobody asked.
 */
export type AmountProblem = 'empty' | 'notNumber' | 'negative';

export type ParsedAmount = { ok: true; msek: number } | { ok: false; problem: AmountProblem };

export function parseMsek(text: string): ParsedAmount {
  const bare = text
    .replace(/\s*(mkr|msek)\s*$/i, '')
    .replace(/[\s\u00a0\u202f]/g, '')
    .replace(/^[\u2212\u2013]/, '-');
  if (bare === '') return { ok: false, problem: text.trim() === '' ? 'empty' : 'notNumber' };
  if (!/^-?(\d+([.,]\d*)?|[.,]\d+)$/.test(bare)) return { ok: false, problem: 'notNumber' };
  const msek = Number(bare.replace(',', '.'));
  if (!Number.isFinite(msek)) return { ok: false, problem: 'notNumber' };
  if (msek < 0) return { ok: false, problem: 'negative' };
  return { ok: true, msek };
}
