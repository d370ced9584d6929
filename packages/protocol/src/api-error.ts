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
});

export type ApiError = z.infer<typeof apiErrorSchema>;
