import type { RequestHandler } from 'express';
import type { Logger } from '../logger.ts';

/**
 * One debug line per request: method, path, status and time. The path is logged without its
 * query string and no header or body is, so no token, password or code reaches the log.
 */
export function requestLog(logger: Logger): RequestHandler {
  return (request, response, next) => {
    const started = performance.now();
    response.once('finish', () => {
      logger.debug(
        {
          method: request.method,
          path: request.path,
          status: response.statusCode,
          ms: Math.round(performance.now() - started),
        },
        'request',
      );
    });
    next();
  };
}
