/**
 * Calibrations: placement records (model-spec section 6, CSV) in, a model (model-spec v1) and its fit report
 * out. Stores nothing: the caller saves the model with POST /models if it wants to keep it.
 *
 * The CSV comes either as the raw body (text/csv, options in the query) or inside a JSON body
 * `{records, from?, to?, start?, horizonMonths?, skipBadRows?}`. Every bad row is reported, each with its row
 * number (header = 1) and column, as a validation problem with paths `rows[12].start_date`.
 */
import { createRoute, z } from '@hono/zod-openapi';
import { calibrate, type CalibrateOptions } from '../../simulation/calibration/calibrate.js';
import { linkEpisodes, parseRecords } from '../../simulation/calibration/records.js';
import { isRealDate } from '../../simulation/schema.js';
import { decodeUtf8, hexByte } from '../../simulation/utf8.js';
import { newApi, problemResponse, roleGuard, type AppDeps } from '../http/api.js';
import { BadRequest, InvalidInput } from '../http/errors.js';
import { recordsBodyKind } from '../http/negotiate.js';
import { DecimalWhole, Query } from '../http/schemas.js';

/** The group these routes are listed under in /docs. */
const tags = ['Kalibrering / calibration'];

const Day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD')
  .refine(isRealDate, 'is not a real date');
const Month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'must be a month YYYY-MM');
const Horizon = DecimalWhole.pipe(z.number().min(1, 'must be at least 1').max(240, 'must be at most 240'));

const Options = Query({
  from: Day.optional(),
  to: Day.optional(),
  start: Month.optional(),
  horizonMonths: Horizon.optional(),
  skipBadRows: z.enum(['true', 'false', '1', '0'], { error: 'must be true or false' }).optional(),
});

const JsonBody = z.strictObject({
  records: z.string().openapi({ description: 'The CSV text of the placement records (model-spec section 6).' }),
  from: Day.optional(),
  to: Day.optional(),
  start: Month.optional(),
  horizonMonths: z.number().int('must be a whole number').min(1, 'must be at least 1').max(240, 'must be at most 240').optional(),
  skipBadRows: z.boolean().optional(),
});

const Answer = z.object({
  model: z.unknown().openapi({ description: 'The fitted model (model-spec v1); runs as is.' }),
  report: z.unknown().openapi({ description: 'The fit report.' }),
  skipped: z.number().int().openapi({ description: 'Rows dropped under skipBadRows.' }),
});

/**
 * The raw CSV body as text. Swedish Excel's plain "CSV" is Windows-1252, whose å, ä and ö are not UTF-8: decoded
 * leniently they would become U+FFFD inside segment and form names, so such a file is refused with the remedy.
 */
function recordsText(bytes: ArrayBuffer): string {
  const decoded = decodeUtf8(new Uint8Array(bytes));
  if (decoded.ok) return decoded.text;
  throw new BadRequest(
    `The records are not valid UTF-8 (byte ${hexByte(decoded.byte)} on line ${decoded.line}). Save the file as "CSV UTF-8" (in Excel: Save as › CSV UTF-8) and send it again.`,
    { title: 'Inte UTF-8 / not UTF-8' },
  );
}

export function calibrationRoutes(_deps: AppDeps) {
  const api = newApi();

  api.openapi(
    createRoute({
      method: 'post',
      tags,
      path: '/',
      middleware: [roleGuard('editor')] as const,
      summary: 'Calibrate a model from placement records (stores nothing)',
      request: {
        query: Options,
        body: {
          content: {
            'text/csv': { schema: z.string().openapi({ description: 'The CSV file itself; options in the query.' }) },
            'text/plain': { schema: z.string() },
            'application/json': { schema: JsonBody },
          },
          required: false,
        },
      },
      responses: {
        200: { content: { 'application/json': { schema: Answer } }, description: 'The model and its fit report' },
        400: problemResponse('Empty body, bad rows (each with row and column) or bad options'),
        403: problemResponse('Needs the editor role'),
      },
    }),
    async (c) => {
      const q = c.req.valid('query');
      let text: string;
      let opts: CalibrateOptions = { from: q.from, to: q.to, start: q.start, horizonMonths: q.horizonMonths };
      let skipBadRows = q.skipBadRows === 'true' || q.skipBadRows === '1';
      if (recordsBodyKind(c.req.header('content-type')) === 'json') {
        const body = c.req.valid('json') as Partial<z.infer<typeof JsonBody>>;
        text = body.records ?? '';
        opts = {
          from: body.from ?? opts.from,
          to: body.to ?? opts.to,
          start: body.start ?? opts.start,
          horizonMonths: body.horizonMonths ?? opts.horizonMonths,
        };
        skipBadRows = body.skipBadRows ?? skipBadRows;
      } else {
        text = recordsText(await c.req.arrayBuffer());
      }

      if (text.replace(/^\uFEFF/, '').trim() === '') {
        throw new BadRequest('Send the placement records as CSV (header row and at least one row).', { title: 'Tom fil / empty body' });
      }
      if (opts.from !== undefined && opts.to !== undefined && opts.to < opts.from) {
        throw new InvalidInput([{ path: 'to', message: 'must not be before from' }]);
      }

      const parsed = parseRecords(text, { skipBadRows });
      if (parsed.problems.length > 0) {
        const errors = parsed.problems.map((p) => ({
          path: `rows[${p.row}].${p.column}`,
          message: p.message,
          row: p.row,
          column: p.column,
        }));
        throw new InvalidInput(errors, 'Ogiltiga rader / invalid rows');
      }

      let result: ReturnType<typeof calibrate>;
      try {
        result = calibrate(linkEpisodes(parsed.records), opts);
      } catch (e) {
        // What calibrate refuses (no episodes in the window, a window that ends before it starts) is input.
        if (e instanceof RangeError) throw new BadRequest(e.message, { title: 'Kan inte kalibrera / cannot calibrate' });
        throw e;
      }
      return c.json({ model: result.model, report: result.report, skipped: parsed.skipped }, 200);
    },
  );

  return api;
}
