import type { ApiError } from '@hopxa/protocol';
import type { ErrorRequestHandler, Request, RequestHandler } from 'express';
import type { Logger } from './logger.ts';

type Language = 'vi' | 'en';

/** Vietnamese unless the caller's Accept-Language puts English ahead of it. */
export function callerLanguage(request: Request): Language {
  return request.acceptsLanguages('vi', 'en') === 'en' ? 'en' : 'vi';
}

const MESSAGES = {
  not_found: {
    vi: 'Không tìm thấy địa chỉ này. Kiểm tra lại đường dẫn.',
    en: 'Nothing is at this address. Check the link.',
  },
  bad_request: {
    vi: 'Dữ liệu gửi lên không đọc được (không đúng định dạng JSON). Kiểm tra lại rồi gửi lại.',
    en: 'The request body could not be read (not valid JSON). Check it and send again.',
  },
  too_large: {
    vi: 'Dữ liệu gửi lên quá lớn. Hãy chia nhỏ rồi gửi lại.',
    en: 'The request body is too large. Split it and send again.',
  },
  internal: {
    vi: 'Máy chủ gặp lỗi khi xử lý yêu cầu. Hãy thử lại; nếu vẫn lỗi, báo cho bộ phận kỹ thuật.',
    en: 'The server failed to handle the request. Try again; if it persists, tell the technical staff.',
  },
} as const satisfies Record<string, Record<Language, string>>;

export function apiError(request: Request, code: keyof typeof MESSAGES): ApiError {
  return { code, message: MESSAGES[code][callerLanguage(request)] };
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
