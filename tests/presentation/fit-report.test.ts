/**
 * The fit report table (presentation/fit-report.ts) says what its counts count: the episodes that started in the
 * window, the caseload in care at the model start whenever it started, and a step-down base smaller than the
 * finished stays with its reason; names of the records that became other ids are listed.
 */
import { describe, expect, it } from 'vitest';
import { calibrate } from '../../simulation/calibration/calibrate.js';
import { linkEpisodes, parseRecords } from '../../simulation/calibration/records.js';
import { fitReportTable } from '../../presentation/fit-report.js';

const CSV = [
  'episode_id,person_id,segment,form,start_date,end_date,daily_cost',
  'E1,P1,bou,hvb,2019-05-01,,4000',
  'E2,P2,bou,hvb,2020-01-10,2020-06-30,4000',
  'E3,P3,bou,hvb,2020-03-01,2020-12-28,4100',
  'E4,P4,bou,HVB köpt,2020-05-01,,4200',
  'E5,P5,bou,hvb,2020-12-20,2020-12-30,4300',
].join('\n');

describe('fitReportTable', () => {
  // The window starts 2020-01-01: E1 started before it, yet is in care at the model start.
  const { report } = calibrate(linkEpisodes(parseRecords(CSV).records), { from: '2020-01-01', to: '2020-12-31' });

  it('tells the episodes that started in the window from the caseload at the model start', () => {
    expect(report.episodes).toBe(4);
    expect(report.initialCaseload).toBe(2);
    expect(fitReportTable(report, 'sv')).toContain(
      'Placeringar som började i dataperioden: 4. Startbestånd: 2 placeringar i vård vid modellstarten, oavsett när de började',
    );
    expect(fitReportTable(report, 'en')).toContain('Episodes that started in the window: 4.'.replace('window', 'data window'));
  });

  it('explains a step-down base smaller than the finished stays', () => {
    const hvb = report.forms.find((f) => f.form === 'hvb')!;
    expect([hvb.finished, hvb.stepDownBase]).toEqual([3, 1]);
    expect(fitReportTable(report, 'sv')).toContain(
      'Övergångar från hvb (bas 1 av 3 avslutade: de som slutade minst 7 dagar före dataperiodens slut, så att en övergång hunnit synas)',
    );
    expect(fitReportTable(report, 'en')).toContain(
      'Step-downs from hvb (base 1 of 3 finished: those that ended at least 7 days before the data end',
    );
  });

  it('lists the names that became other ids', () => {
    expect(fitReportTable(report, 'sv')).toContain(
      'Namn i registret som blev andra id i modellen (namnet är etikett):\n  "HVB köpt" → hvb_kopt',
    );
  });
});
