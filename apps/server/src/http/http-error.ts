import type { ErrorCode } from './error-messages.ts';

/** A refusal the caller can act on; the error handler turns it into `{ code, message }`. */
export class HttpError extends Error {
  readonly status: number;
  readonly code: ErrorCode;
  /** Field problems, already in the caller's language (for invalid_input). */
  readonly issues: readonly { readonly path: string; readonly message: string }[] | undefined;
  constructor(
    status: number,
    code: ErrorCode,
    issues?: readonly { readonly path: string; readonly message: string }[],
  ) {
    super(code);
    this.status = status;
    this.code = code;
    this.issues = issues;
  }
}
