import { apiErrorSchema, type ApiError } from '@hopxa/protocol';
import type { z } from 'zod';

export class ApiRequestError extends Error {
  readonly status: number;
  readonly code: string;
  constructor(status: number, error: ApiError) {
    super(error.message);
    this.status = status;
    this.code = error.code;
  }
}

/**
 * GETs a JSON resource of our API and checks it against its protocol schema, so a server
 * and page out of step fail loudly instead of rendering half a page.
 */
export async function getJson<T extends z.ZodType>(
  fetch: typeof globalThis.fetch,
  path: string,
  schema: T,
): Promise<z.infer<T>> {
  const response = await fetch(path, { headers: { accept: 'application/json' } });
  const body: unknown = await response.json();
  if (!response.ok) {
    const error = apiErrorSchema.safeParse(body);
    throw new ApiRequestError(
      response.status,
      error.success ? error.data : { code: 'unknown', message: `HTTP ${response.status}` },
    );
  }
  return schema.parse(body);
}
