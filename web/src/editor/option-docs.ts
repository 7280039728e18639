/** The presets' defaults and sources, read at build time from docs/options.md (one text for the docs and the page). */
import text from '../../../docs/options.md?raw';
import { parseOptionSources } from '../../../presentation/option-sources.js';

export const OPTION_SOURCES = parseOptionSources(text);
