/** Parsing numbers that arrive as text, strictly: one spelling per number. */
import { z } from 'zod';

/**
 * Numbers typed as text (paths, queries, command-line options), in plain decimal digits only: a lenient parse would read "1.0", "0x1", "%201"
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
