import { isDataRefused } from '@hopxa/db';
import { LANGUAGE_COOKIE, type ApiError } from '@hopxa/protocol';
import { parseCookie } from 'cookie';
import type { ErrorRequestHandler, Request, RequestHandler } from 'express';
import { loggable, type Logger } from '../logger.ts';
import { ERROR_MESSAGES, type ErrorCode } from './error-messages.ts';
import { HttpError } from './http-error.ts';

type Language = 'vi' | 'en';

/**
 * The language the interface chose (its cookie), else Vietnamese unless the caller's
 * Accept-Language puts English ahead of it.
 */
export function callerLanguage(request: Request): Language {
  const chosen = request.headers.cookie && parseCookie(request.headers.cookie)[LANGUAGE_COOKIE];
  if (chosen === 'vi' || chosen === 'en') return chosen;
  return request.acceptsLanguages('vi', 'en') === 'en' ? 'en' : 'vi';
}

export function apiError(request: Request, code: ErrorCode): ApiError {
  return { code, message: ERROR_MESSAGES[code][callerLanguage(request)] };
}

/** Unknown /api paths answer JSON, not the web app's HTML 404. */
export const apiNotFound: RequestHandler = (request, response) => {
  response.status(404).json(apiError(request, 'not_found'));
};

/**
 * Last stop for a thrown error. A body the JSON parser refused is the caller's mistake (4xx);
 * anything else is ours: logged with its stack, answered without it.
 */
export function apiErrorHandler(logger: Logger): ErrorRequestHandler {
  return (error: unknown, request, response, next) => {
    if (response.headersSent) {
      next(error);
      return;
    }
    if (error instanceof HttpError) {
      response.status(error.status).json({
        ...apiError(request, error.code),
        ...(error.issues && { issues: error.issues }),
      });
      return;
    }
    const { type, status } = error as { type?: unknown; status?: unknown };
    if (type === 'entity.too.large') {
      response.status(413).json(apiError(request, 'too_large'));
      return;
    }
    // Any other body the parser could not read (not JSON, a gzip that is not gzip, an
    // unknown charset) is the caller's mistake, never ours.
    if (typeof type === 'string' || (typeof status === 'number' && status >= 400 && status < 500)) {
      response.status(400).json(apiError(request, 'bad_request'));
      return;
    }
    // Data the database refused came from the caller.
    if (isDataRefused(error)) {
      response.status(400).json(apiError(request, 'invalid_input'));
      return;
    }
    logger.error(
      { ...loggable(error), method: request.method, path: request.path },
      'request failed',
    );
    response.status(500).json(apiError(request, 'internal'));
  };
}
