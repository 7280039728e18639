/**
 * One measurement of bench/records.ts in a process of its own, so that its peak memory is the parse's alone:
 * reads the file named by argv[2], parses and links it, and prints {ms, rows, baseRssMb, peakRssMb} as JSON.
 */
import { readFileSync } from 'node:fs';
import { linkEpisodes, parseRecords } from '../simulation/calibration/records.js';
import { RECORD_FORMS } from './records-file.js';

const text = readFileSync(process.argv[2], 'utf8');
const baseRssMb = process.resourceUsage().maxRSS / 1024;
const t = performance.now();
const r = parseRecords(text, { forms: RECORD_FORMS });
const episodes = linkEpisodes(r.records);
const ms = performance.now() - t;
if (r.problems.length > 0) throw new Error(`unexpected problems: ${JSON.stringify(r.problems.slice(0, 3))}`);
console.log(JSON.stringify({ ms, rows: episodes.length, baseRssMb, peakRssMb: process.resourceUsage().maxRSS / 1024 }));
