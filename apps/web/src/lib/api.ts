import { apiErrorSchema, type ApiError } from '@hopxa/protocol';
import type { z } from 'zod';

/** A refusal from the API, carrying the sentence the server wrote for the user. */
export class ApiRequestError extends Error {
  readonly status: number;
  readonly code: string;
  readonly issues: ApiError['issues'];
  readonly body: unknown;
  constructor(status: number, error: ApiError, body: unknown) {
    super(error.message);
    this.status = status;
    this.code = error.code;
    this.issues = error.issues;
    this.body = body;
  }
}

/** The language the interface speaks; the server writes its error sentences in it. */
const INTERFACE_LANGUAGE = 'vi';

/** No answer at all; `describeError` words it in the interface's language. */
const OFFLINE: ApiError = { code: 'offline', message: '' };

async function call(
  fetch: typeof globalThis.fetch,
  method: string,
  path: string,
  body?: unknown,
): Promise<unknown> {
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers: {
        accept: 'application/json',
        // Errors come back in the interface's language, not the browser's (often English).
        'accept-language': INTERFACE_LANGUAGE,
        ...(body !== undefined && { 'content-type': 'application/json' }),
      },
      ...(body !== undefined && { body: JSON.stringify(body) }),
    });
  } catch {
    throw new ApiRequestError(0, OFFLINE, null);
  }
  const text = await response.text();
  const parsed: unknown = text === '' ? null : JSON.parse(text);
  if (!response.ok) {
    const error = apiErrorSchema.safeParse(parsed);
    throw new ApiRequestError(
      response.status,
      // Not our API's answer (a proxy's error page): `describeError` words it.
      error.success ? error.data : { code: 'unknown', message: '' },
      parsed,
    );
  }
  return parsed;
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
  return schema.parse(await call(fetch, 'GET', path));
}

/** Sends a command (POST, PATCH, PUT, DELETE) with a JSON body; resolves with the answer. */
export function send(
  method: 'POST' | 'PATCH' | 'PUT' | 'DELETE',
  path: string,
  body?: unknown,
): Promise<unknown> {
  return call(globalThis.fetch, method, path, body);
}

/** The sentence to show for a failed command: the server's own, plus each field's problem. */
export function describeError(
  error: unknown,
  words: { readonly offline: string; readonly unexpected: string },
): string {
  if (error instanceof ApiRequestError) {
    if (error.code === 'offline') return words.offline;
    if (!error.message) return words.unexpected;
    // Each field's problem is already a sentence in the caller's language.
    const fields = error.issues?.map((issue) => issue.message).join('; ');
    return fields ? `${error.message} ${fields}` : error.message;
  }
  return words.unexpected;
}
