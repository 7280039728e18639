/**
 * Numbers as a controller types them: "4600", "4 600", "0,25" or "0.25", and for a field shown in another unit
 * (per cent, MSEK) the typed figure moved by a power of ten. The shift is done on the decimal text ("25e-2"), not
 * by dividing, so 25 % is exactly the number 0.25 that a JSON file would hold.
 */
export type NumberText = { ok: true; value: number } | { ok: false };

export function parseNumberText(text: string, exponent = 0): NumberText {
  const bare = text.replace(/[\s\u00a0\u202f]/g, '').replace(/^[\u2212\u2013]/, '-');
  if (!/^-?(\d+([.,]\d*)?|[.,]\d+)$/.test(bare)) return { ok: false };
  const value = Number(`${bare.replace(',', '.')}e${-exponent}`);
  return Number.isFinite(value) ? { ok: true, value } : { ok: false };
}

/** The number in the field's unit, with the language's decimal mark and no grouping (so it reads back as typed). */
export function formatNumberText(value: number, exponent = 0, decimalComma = true): string {
  // Rounded to 12 significant digits: 0.07 shown in per cent is "7", not "7.000000000000001".
  const shifted = Number(Number(`${value}e${exponent}`).toPrecision(12));
  const text = String(shifted);
  return decimalComma ? text.replace('.', ',') : text;
}
