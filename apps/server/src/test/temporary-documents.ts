import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DEFAULT_DOCUMENT_SIZE_LIMIT_BYTES } from '@hopxa/domain';
import type { DocumentsSettings } from '../documents/documents.routes.ts';
import { DiskDocumentStorage } from '../documents/storage/disk-storage.ts';

/**
 * Papers kept on disk in a folder of their own for one test's server, and the function that
 * removes the folder afterwards.
 */
export function temporaryDocuments(
  sizeLimitBytes = DEFAULT_DOCUMENT_SIZE_LIMIT_BYTES,
): DocumentsSettings & { readonly remove: () => void } {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'hopxa-papers-'));
  return {
    storage: new DiskDocumentStorage(folder),
    sizeLimitBytes,
    remove: () => fs.rmSync(folder, { recursive: true, force: true }),
  };
}
