/** The records parser's English messages, as the page's bad-row table shows them in Swedish. */
import { describe, expect, it } from 'vitest';
import { parseRecords } from '../../simulation/calibration/records.js';
import { recordMessage } from '../../web/src/i18n/record-messages.js';

const HEADER = 'episode_id,person_id,segment,form,start_date,end_date,daily_cost';
const messagesOf = (text: string, forms?: Record<string, string>) => parseRecords(text, { forms }).problems.map((p) => p.message);

describe('record messages on the Swedish page', () => {
  it('puts every kind of bad row the parser reports into Swedish', () => {
    const rows = [
      'e1,,bou,hvb,2020-01-01,,3000',
      'e2,p2,bou,hvb,2020-13-01,,3000',
      'e3,p3,bou,hvb,2020-03-01,2020-02-30,3000',
      'e4,p4,bou,hvb,2020-03-01,2020-02-01,3000',
      'e5,p5,bou,hvb,2020-03-01,,tre tusen',
      'e6,p6,bou,hvb,2020-03-01,,-5',
      'e7,p7,vuxen,hvb,2020-03-01,,3000',
      'e8,p8,bou,sis,2020-03-01,,3000',
      'e9,p9,bou,stodboende,2020-03-01,,3000',
      'e9,p10,bou,hvb,2020-03-01,,3000',
      'e12,p12,bou,hvb,2020-03-01,,40 000 000 000',
      'e11,p11,bou,hvb,"2020-03-01,,3000',
    ];
    const forms = { hvb: 'bou', stodboende: 'vuxen' };
    const messages = messagesOf([HEADER, ...rows].join('\n'), forms);
    expect(messages.length).toBeGreaterThanOrEqual(rows.length);
    for (const m of messages) expect(recordMessage(m, 'sv'), m).toMatchObject({ lang: 'sv' });
    expect(recordMessage(messages[1], 'sv').text).toBe('"2020-13-01" är inget datum (ett verkligt datum ÅÅÅÅ-MM-DD väntades)');
    expect(recordMessage(messages[3], 'sv').text).toBe('end_date 2020-02-01 är före start_date 2020-03-01');
    const huge = messages.find((m) => m.startsWith('daily_cost 40 000'))!;
    expect(recordMessage(huge, 'sv').text).toBe('daily_cost 40 000 000 000 är mer än modellen tillåter (1000000000 kr per dygn)');
  });

  it('puts the header’s problems and an empty file into Swedish', () => {
    const missing = messagesOf('episode_id;person_id;segment;form;start_date\n1;2;bou;hvb;2020-01-01');
    expect(missing.map((m) => recordMessage(m, 'sv').text)).toEqual([
      'kolumnen "end_date" saknas (rubrikraden har: "episode_id", "person_id", "segment", "form", "start_date"; avgränsare ";")',
    ]);
    const twice = messagesOf(`${HEADER},form\n`);
    expect(recordMessage(twice[0], 'sv').text).toBe('kolumnen "form" står mer än en gång i rubrikraden');
    expect(recordMessage(messagesOf('')[0], 'sv').text).toBe('filen är tom: en rubrikrad och placeringar väntades');
  });

  it('puts a row with too many fields into Swedish, with the hint for a comma-separated file', () => {
    const [comma] = messagesOf(`${HEADER}\ne1,p1,bou,hvb,2020-01-01,,842,15`);
    expect(recordMessage(comma, 'sv').text).toBe(
      '8 fält men rubriken har 7 (ett decimalkomma i en kommaavgränsad fil måste stå inom citattecken, "842,15")',
    );
    const [semi] = messagesOf(`${HEADER.replaceAll(',', ';')}\ne1;p1;bou;hvb;2020-01-01;;842;15`);
    expect(recordMessage(semi, 'sv').text).toBe('8 fält men rubriken har 7');
  });

  it('leaves the English page’s messages as the parser wrote them', () => {
    const [m] = messagesOf(`${HEADER}\ne1,,bou,hvb,2020-01-01,,3000`);
    expect(recordMessage(m, 'en')).toEqual({ text: 'person_id is empty', lang: 'en' });
  });
});
