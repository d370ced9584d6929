import { DOCUMENT_REFUSALS, type DocumentRefusal } from '@hopxa/domain';
import { documentErrorCode } from '../http/error-messages.ts';
import { HttpError } from '../http/http-error.ts';

/**
 * The HTTP status of each refusal: 413 and 415 where HTTP has a word for it, 422 for a PDF
 * that is one but cannot be taken, 400 for the rest.
 */
const REFUSAL_STATUS: Readonly<Record<DocumentRefusal, number>> = {
  not_pdf: 415,
  pdf_encrypted: 422,
  pdf_malformed: 422,
  too_large: 413,
  bad_file_name: 400,
  empty_file: 400,
};

/** A file not taken as a paper, answered with its own message (`document_<refusal>`). */
export function refuseDocument(refusal: DocumentRefusal): HttpError {
  return new HttpError(REFUSAL_STATUS[refusal], documentErrorCode(refusal));
}

/** The refusal an error carries, if it is one of ours (for tests and logs). */
export function documentRefusalOf(error: unknown): DocumentRefusal | undefined {
  if (!(error instanceof HttpError)) return undefined;
  return DOCUMENT_REFUSALS.find((refusal) => documentErrorCode(refusal) === error.code);
}
