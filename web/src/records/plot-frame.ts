/**
 * What the records screens' charts share: their class, their text size, and room above the plot for the y axis's
 * label, which sat on the top tick's label ("↑ Andel som pågår" on "100 %") at Plot's default margin.
 */
export const RECORDS_PLOT = { className: 'records-plot', marginTop: 28, style: { fontSize: '12px' } } as const;
