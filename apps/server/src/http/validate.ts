import type { Request } from 'express';
import { z } from 'zod';
import { callerLanguage } from './api-errors.ts';
import { HttpError } from './http-error.ts';
import { fieldName, inputProblem } from './input-errors.ts';

const problems = { vi: inputProblem('vi'), en: inputProblem('en') };

/**
 * Checks `value` against `schema` before anything else runs; a mismatch is a 400 listing
 * each field's problem in the caller's language, named as the screen names the field
 * ("Họ và tên: hãy điền ô này."), and nothing changes.
 *
 * @example
 * const input = parseInput(request, signInSchema, request.body);
 */
export function parseInput<T extends z.ZodType>(
  request: Request,
  schema: T,
  value: unknown,
): z.infer<T> {
  const language = callerLanguage(request);
  const result = schema.safeParse(value, { error: problems[language] });
  if (result.success) return result.data;
  throw new HttpError(
    400,
    'invalid_input',
    result.error.issues.map((issue) => ({
      path: issue.path.join('.'),
      message:
        issue.path.length > 0
          ? `${fieldName(issue.path, language)}: ${issue.message}`
          : issue.message,
    })),
  );
}

/** A route parameter that must be a uuid; anything else cannot name a row, so it is a 404. */
export function uuidParam(request: Request, name: string): string {
  const value = request.params[name];
  if (typeof value !== 'string' || !z.uuid().safeParse(value).success)
    throw new HttpError(404, 'not_found');
  return value;
}
