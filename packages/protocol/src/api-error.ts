import { z } from 'zod';

/**
 * Every failed HTTP request and every refused command answers with this body.
 *
 * @example
 * { code: 'not_found', message: 'Không tìm thấy trang.' }
 */
export const apiErrorSchema = z.object({
  code: z.string(),
  message: z.string(),
  /** For invalid input: each field's problem, in the caller's language. */
  issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
});

export type ApiError = z.infer<typeof apiErrorSchema>;
