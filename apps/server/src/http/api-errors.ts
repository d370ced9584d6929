import { LANGUAGE_COOKIE, type ApiError } from '@hopxa/protocol';
import { parseCookie } from 'cookie';
import type { ErrorRequestHandler, Request, RequestHandler } from 'express';
import type { Logger } from '../logger.ts';
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
    const type = (error as { type?: unknown }).type;
    if (type === 'entity.too.large') {
      response.status(413).json(apiError(request, 'too_large'));
      return;
    }
    if (
      type === 'entity.parse.failed' ||
      type === 'encoding.unsupported' ||
      type === 'charset.unsupported'
    ) {
      response.status(400).json(apiError(request, 'bad_request'));
      return;
    }
    logger.error({ err: error, method: request.method, path: request.path }, 'request failed');
    response.status(500).json(apiError(request, 'internal'));
  };
}
