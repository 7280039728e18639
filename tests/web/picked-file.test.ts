/**
 * The page reads a picked records file as the command line does (web/src/records/picked-file.ts): UTF-8 only, so a
 * Windows-1252 export is refused with the byte and line, in the words of the page's strings.
 */
import { describe, expect, it } from 'vitest';
import { NotUtf8File, readPicked, WorkbookFile } from '../../web/src/records/picked-file.js';
import { records } from '../../web/src/i18n/records.js';

const HEADER = 'episode_id;person_id;segment;form;start_date;end_date;daily_cost\r\n';

describe('reading the picked records file', () => {
  it('reads UTF-8, dropping a byte-order mark', async () => {
    const text = `${HEADER}E1;P1;bou;skyddat_boende_våld;2020-01-01;;4000,50\r\n`;
    const file = new File([new Uint8Array([0xef, 0xbb, 0xbf]), text], 'r.csv');
    await expect(readPicked(file)).resolves.toEqual({ name: 'r.csv', size: file.size, text });
  });

  it('refuses a Windows-1252 file with the first byte it cannot read and its line', async () => {
    const file = new File([Buffer.from(`${HEADER}E1;P1;bou;skyddat_boende_våld;2020-01-01;;4000\r\n`, 'latin1')], 'r.csv');
    const e = await readPicked(file).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(NotUtf8File);
    expect(e).toMatchObject({ byte: 0xe5, line: 2 });
    expect(records.sv.recNotUtf8('0xE5', '2')).toBe(
      'Filen är inte UTF-8 (byte 0xE5 på rad 2). Spara registret i Excel som ”CSV UTF-8 (kommaavgränsad)” och försök igen.',
    );
    expect(records.en.recNotUtf8('0xE5', '2')).toMatch(/^The file is not UTF-8 \(byte 0xE5 on line 2\)/);
  });

  it('still tells an Excel workbook apart', async () => {
    const file = new File([new Uint8Array([0x50, 0x4b, 3, 4, 0, 0])], 'r.xlsx');
    await expect(readPicked(file)).rejects.toBeInstanceOf(WorkbookFile);
  });
});
