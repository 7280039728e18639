/**
 * `npm run bench:records`: reading and linking placement records (simulation/calibration/records.ts) at
 * 100,000 rows (`--rows N`) in the Swedish Excel dialect: the parse time and the peak memory, each run in a
 * fresh process (`--runs N`, default 5), reported as minimum, median and maximum; and the time at twice the
 * rows, whose ratio shows whether reading stays linear.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { swedishExcelRecords } from './records-file.js';

const { values } = parseArgs({ options: { rows: { type: 'string', default: '100000' }, runs: { type: 'string', default: '5' } } });
const rows = Number(values.rows);
const runs = Number(values.runs);
const dir = mkdtempSync(join(tmpdir(), 'pp-records-bench-'));
const CHILD = new URL('./records-child.ts', import.meta.url).pathname;

interface Measurement {
  ms: number;
  rows: number;
  baseRssMb: number;
  peakRssMb: number;
}

function measure(file: string): Measurement {
  const out = execFileSync(process.execPath, ['--import', 'tsx', CHILD, file], { encoding: 'utf8' });
  return JSON.parse(out) as Measurement;
}

const spread = (xs: number[], digits: number) => {
  const s = [...xs].sort((a, b) => a - b);
  const f = (x: number) => x.toFixed(digits);
  return `min ${f(s[0])}, median ${f(s[Math.floor(s.length / 2)])}, max ${f(s[s.length - 1])}`;
};

try {
  const files = [rows, 2 * rows].map((n) => {
    const file = join(dir, `records-${n}.csv`);
    writeFileSync(file, '\uFEFF' + swedishExcelRecords(n));
    return file;
  });
  const at = files.map((file) => Array.from({ length: runs }, () => measure(file)));
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const ms = at.map((list) => list.map((m) => m.ms));
  console.log(`Placement records, Swedish Excel dialect, ${runs} runs each in a fresh process`);
  console.log(`  ${rows.toLocaleString('en-US')} rows: parse and link      ${spread(ms[0], 0)} ms`);
  console.log(
    `  ${rows.toLocaleString('en-US')} rows: peak memory (RSS)   ${spread(
      at[0].map((m) => m.peakRssMb),
      0,
    )} MB`,
  );
  console.log(
    `  ${rows.toLocaleString('en-US')} rows: of it before parsing ${spread(
      at[0].map((m) => m.baseRssMb),
      0,
    )} MB (the file read, the runtime)`,
  );
  console.log(`  ${(2 * rows).toLocaleString('en-US')} rows: parse and link      ${spread(ms[1], 0)} ms`);
  console.log(`  time at twice the rows / time at the rows (median): ${(median(ms[1]) / median(ms[0])).toFixed(2)} (2 is linear)`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
