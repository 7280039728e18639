/** Request and response schemas that more than one resource uses, written once. */
import { z } from '@hono/zod-openapi';
import { unknownKeys } from '../../simulation/schema-parts.js';
import { DecimalWhole } from '../decimal-text.js';
import { ROLES, type Role, type RunStatus } from '../store/port.js';

/** Ids of models and runs in paths; longer than any id we hand out, short enough for any key. */
export const Id = z.string().min(1).max(64);
export const IdParam = z.object({ id: Id });

export { DecimalNumber, DecimalWhole } from '../decimal-text.js';

/**
 * A query string's parameters: an unknown one is refused by name, since a typo (`?lmit=1`, `?senario=…`) would
 * otherwise answer with the default as if it had been asked for.
 */
export const Query = <S extends z.ZodRawShape>(shape: S) =>
  z.strictObject(shape, {
    error: (iss) => (iss.code === 'unrecognized_keys' ? unknownKeys('query parameter', iss.keys) : undefined),
  });

export const Paging = Query({
  limit: DecimalWhole.pipe(z.number().min(1, 'must be at least 1').max(100, 'must be at most 100')).default(20),
  cursor: z.string().max(2000).optional(),
});

/** One page of a listing: `cursor` is absent on the last page. */
export const pageOf = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item), cursor: z.string().optional() });

export const RoleEnum = z.enum(ROLES as [Role, ...Role[]]);

/**
 * A token's label, shown as who saved a model version: plain text. Control characters and the direction overrides
 * that make text read otherwise than it is stored (U+202E) are refused, and so is an empty label, which was dropped.
 */
export const TokenLabel = z
  .string()
  .min(1, 'must not be empty (leave it out for none)')
  .max(200, 'must be at most 200 characters')
  .regex(/^[^\p{Cc}\u200e\u200f\u202a-\u202e\u2066-\u2069]*$/u, 'must be plain text, without control characters or direction marks')
  .refine((s) => s.trim() !== '', 'must not be only spaces');

export const RUN_STATUSES = ['queued', 'running', 'succeeded', 'failed', 'cancelled'] as const satisfies readonly RunStatus[];
export const RunStatusEnum = z.enum(RUN_STATUSES);
