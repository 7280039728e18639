/**
 * The charts' colours, by role. The colours themselves live in one place, the custom properties at the end of
 * styles.css (Okabe–Ito, readable with every common colour-vision deficiency); a chart passes these `var(…)`
 * references to Plot, which SVG resolves, so a change of palette (or a print style that overrides it) reaches
 * every chart and every legend swatch at once. Colour is never the only carrier of meaning: each series is
 * also named in a heading, a legend or a table.
 */

/** How many series colours there are: the baseline and six options (the reference model's seven scenarios). */
export const SERIES_COUNT = 7;

/** The colour of series `i` (0 is the baseline); past the seventh, the colours repeat. */
export function seriesColor(i: number): string {
  return `var(--series-${((i % SERIES_COUNT) + SERIES_COUNT) % SERIES_COUNT})`;
}

/** The class that gives a legend swatch or other HTML the colour of series `i` (see styles.css). */
export function seriesClass(i: number): string {
  return `series-${((i % SERIES_COUNT) + SERIES_COUNT) % SERIES_COUNT}`;
}

/** Status colours: what costs more than it should, and what saves. Text in these colours passes 4.5:1 on white. */
export const STATUS = { danger: 'var(--danger)', ok: 'var(--ok)' } as const;

/** Greys for the bands of a fan where colour would not carry (black-and-white print), widest band lightest. */
export const BAND_GREYS = { band90: 'var(--band-90)', band80: 'var(--band-80)', band50: 'var(--band-50)' } as const;

/** Axis, rule and median ink. */
export const INK = 'var(--ink)';
