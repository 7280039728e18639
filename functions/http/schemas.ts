/** Request and response schemas that more than one resource uses, written once. */
import { z } from '@hono/zod-openapi';
import { ROLES, type Role, type RunStatus } from '../store/port.js';

/** Ids of models and runs in paths; longer than any id we hand out, short enough for any key. */
export const Id = z.string().min(1).max(64);
export const IdParam = z.object({ id: Id });

/**
 * Numbers in paths and queries, in plain decimal digits only: a lenient parse would read "1.0", "0x1", "%201"
 * (a space) or "1e0" as 1, so that one resource had many addresses and a typo a meaning.
 */
export const DecimalWhole = z
  .string()
  .regex(/^\d+$/, 'must be a whole number in plain decimal digits')
  .pipe(z.coerce.number<string>().int());
export const DecimalNumber = (message: string) =>
  z
    .string()
    .min(1, 'is required')
    .regex(/^-?\d+(\.\d+)?$/, message)
    .pipe(z.coerce.number<string>());

export const Paging = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().max(2000).optional(),
});

/** One page of a listing: `cursor` is absent on the last page. */
export const pageOf = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item), cursor: z.string().optional() });

export const RoleEnum = z.enum(ROLES as [Role, ...Role[]]);

export const RUN_STATUSES = ['queued', 'running', 'succeeded', 'failed', 'cancelled'] as const satisfies readonly RunStatus[];
export const RunStatusEnum = z.enum(RUN_STATUSES);
