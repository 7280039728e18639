/**
 * The areas of the page's strings. A new part of the page adds its file here; tests/web/i18n.test.ts checks
 * that no two areas use the same key and that both languages have every string.
 */
import { core } from './core.js';
import { drivers } from './drivers.js';
import { forecast } from './forecast.js';
import { editor } from './editor.js';
import { options } from './options.js';
import { paper } from './paper.js';
import { preview } from './preview.js';
import { records } from './records.js';
import { runs } from './runs.js';
import { versions } from './versions.js';

export const AREAS = [core, drivers, editor, forecast, options, paper, preview, records, runs, versions] as const;
