/** A synthetic placement-records export in the Swedish Excel dialect (`;`, decimal comma, CRLF), `rows` rows long. */
export function swedishExcelRecords(rows: number): string {
  const lines = ['episode_id;person_id;segment;form;start_date;end_date;daily_cost'];
  for (let i = 0; i < rows; i++) {
    const y = 2014 + (i % 10);
    const m = String(1 + (i % 12)).padStart(2, '0');
    const d = String(1 + (i % 28)).padStart(2, '0');
    const end = i % 5 === 0 ? '' : `${y + 1}-${m}-${d}`;
    lines.push(`E${i};P${i >> 1};bou;${i % 2 ? 'hvb' : 'familjehem'};${y}-${m}-${d};${end};${1000 + (i % 997)},50`);
  }
  return lines.join('\r\n');
}

export const RECORD_FORMS = { familjehem: 'bou', hvb: 'bou', institution: 'vuxen' };
