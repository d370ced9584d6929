import type { Database } from '@hopxa/db';
import { documentReadAction, isValidDocumentFileName } from '@hopxa/domain';
import {
  newDocumentQuerySchema,
  newNoteRequestSchema,
  noteChangeRequestSchema,
  type DocumentsResponse,
} from '@hopxa/protocol';
import { Router, type Request, type Response } from 'express';
import { authorize, meetingTarget } from '../auth/authorize.ts';
import { auditActor } from '../auth/request-auth.ts';
import type { NoticeChanges } from '../meetings/notice-changes.ts';
import { parseInput, uuidParam } from '../http/validate.ts';
import {
  documentTarget,
  fileDocument,
  listDocuments,
  readableBy,
  recordOpening,
  withdrawDocument,
} from './documents.service.ts';
import { addNote, changeNote, deleteNote, listNotes } from './notes.service.ts';
import { refuseDocument } from './document-refusal.ts';
import type { ServingPace } from './serving-pace.ts';
import { inspectPdf } from './pdf-inspection.ts';
import type { DocumentStorage, FileChunks } from './storage/document-storage.ts';
import { receiveUpload } from './upload-intake.ts';

export type DocumentsSettings = {
  readonly storage: DocumentStorage;
  /** The largest file taken, in bytes (DOCUMENTS_MAX_MB). */
  readonly sizeLimitBytes: number;
  /** How fast papers go out, all readers together (DOCUMENTS_SEND_MB_PER_SECOND); none: no limit. */
  readonly pace?: ServingPace;
};

/**
 * The papers of a sitting: filed by the secretariat (the file streamed as the request's
 * body, checked, then kept by its content's hash), listed and served to whoever the paper's
 * audience lets read it, with byte ranges so that a long paper's first page shows early;
 * and each reader's private notes.
 */
export function documentsRoutes(
  db: Database,
  clock: () => Date,
  settings: DocumentsSettings,
  noticeChanges: NoticeChanges,
): Router {
  const router = Router();
  const { storage, sizeLimitBytes } = settings;

  /** The paper named in the path, with the caller cleared to read it. */
  const readable = async (request: Request) => {
    const { document, target } = await documentTarget(db, uuidParam(request, 'documentId'));
    const auth = authorize(request, documentReadAction(document.audience), target);
    return { document, target, auth };
  };

  router.get('/api/meetings/:meetingId/documents', async (request, response) => {
    const target = await meetingTarget(db, uuidParam(request, 'meetingId'));
    const auth = authorize(request, 'meeting.view', target);
    const body: DocumentsResponse = {
      documents: readableBy(auth.actor, target, await listDocuments(db, target.meetingId)),
    };
    response.setHeader('cache-control', 'no-store').json(body);
  });

  router.post('/api/meetings/:meetingId/documents', async (request, response) => {
    const target = await meetingTarget(db, uuidParam(request, 'meetingId'));
    const auth = authorize(request, 'meeting.edit', target);
    const description = parseInput(request, newDocumentQuerySchema, request.query);
    if (!isValidDocumentFileName(description.fileName)) throw refuseDocument('bad_file_name');
    const upload = await receiveUpload(request, sizeLimitBytes);
    try {
      const { pageCount } = await inspectPdf(upload.file);
      await storage.store(upload.sha256, upload.file);
      const actor = auditActor(request, auth, target.organisationId);
      const document = await fileDocument(db, actor, target, description, {
        sha256: upload.sha256,
        byteSize: upload.byteSize,
        pageCount,
      });
      // NT2: a paper filed after convening goes to the members with the notice.
      noticeChanges.changed(target, auth.actor);
      response.status(201).json(document);
    } finally {
      await upload.discard();
    }
  });

  router.post('/api/documents/:documentId/withdraw', async (request, response) => {
    const documentId = uuidParam(request, 'documentId');
    const { document, target } = await documentTarget(db, documentId, 'included');
    const auth = authorize(request, 'meeting.edit', target);
    await withdrawDocument(db, auditActor(request, auth, target.organisationId), document);
    noticeChanges.changed(target, auth.actor);
    response.status(204).end();
  });

  router.get('/api/documents/:documentId/file', async (request, response) => {
    const { document, target, auth } = await readable(request);
    const etag = `"${document.sha256}"`;
    response.setHeader('etag', etag);
    response.setHeader('accept-ranges', 'bytes');
    // The file behind an id never changes (a new version is a new paper); private: it is
    // served by permission, never from a shared cache.
    response.setHeader('cache-control', 'private, max-age=31536000, immutable');
    const range = wantedRange(request, etag, document.byteSize);
    // The start of the file is an opening; the later ranges of the same reading are not.
    if (range === null || (range !== 'unsatisfiable' && range.start === 0)) {
      await recordOpening(db, auditActor(request, auth, target.organisationId), document, clock());
    }
    if (request.headers['if-none-match'] === etag) {
      response.status(304).end();
      return;
    }
    if (range === 'unsatisfiable') {
      response.setHeader('content-range', `bytes */${document.byteSize}`);
      response.status(416).end();
      return;
    }
    response.type('application/pdf');
    response.setHeader(
      'content-disposition',
      `inline; filename*=UTF-8''${encodeURIComponent(document.fileName)}`,
    );
    if (range) {
      response.status(206);
      response.setHeader('content-range', `bytes ${range.start}-${range.end}/${document.byteSize}`);
      response.setHeader('content-length', String(range.end - range.start + 1));
    } else response.setHeader('content-length', String(document.byteSize));
    if (request.method === 'HEAD') {
      response.end();
      return;
    }
    await sendChunks(
      response,
      await storage.read(document.sha256, range ?? undefined),
      settings.pace,
    );
  });

  router.get('/api/documents/:documentId/notes', async (request, response) => {
    const { document, auth } = await readable(request);
    const notes = await listNotes(db, { documentId: document.id, accountId: auth.account.id });
    response.setHeader('cache-control', 'no-store').json({ notes });
  });

  router.post('/api/documents/:documentId/notes', async (request, response) => {
    const { document, auth } = await readable(request);
    const input = parseInput(request, newNoteRequestSchema, request.body);
    const owner = { documentId: document.id, accountId: auth.account.id };
    response.status(201).json(await addNote(db, owner, document.pageCount, input));
  });

  router.patch('/api/documents/:documentId/notes/:noteId', async (request, response) => {
    const { document, auth } = await readable(request);
    const noteId = uuidParam(request, 'noteId');
    const change = parseInput(request, noteChangeRequestSchema, request.body);
    const owner = { documentId: document.id, accountId: auth.account.id };
    response.json(await changeNote(db, owner, noteId, change));
  });

  router.delete('/api/documents/:documentId/notes/:noteId', async (request, response) => {
    const { document, auth } = await readable(request);
    const noteId = uuidParam(request, 'noteId');
    await deleteNote(db, { documentId: document.id, accountId: auth.account.id }, noteId);
    response.status(204).end();
  });

  return router;
}

/**
 * The one byte range asked (RFC 9110), or null for the whole file: several ranges, a range
 * the parser cannot read, or an If-Range naming another version all get the whole file.
 */
function wantedRange(
  request: Request,
  etag: string,
  size: number,
): { start: number; end: number } | 'unsatisfiable' | null {
  if (!request.headers.range) return null;
  const ifRange = request.headers['if-range'];
  if (ifRange !== undefined && ifRange !== etag) return null;
  const ranges = request.range(size, { combine: true });
  if (ranges === -1) return 'unsatisfiable';
  if (ranges === -2 || ranges === undefined || ranges.type !== 'bytes' || ranges.length !== 1)
    return null;
  const [range] = ranges;
  return range ? { start: range.start, end: range.end } : null;
}

/**
 * Sends a stored file as it is read, each chunk once the one before has gone out to the
 * network (the disk reuses one buffer per reader): memory holds a chunk per reader whatever
 * the file's size. A reader that goes away stops the reading.
 */
async function sendChunks(
  response: Response,
  chunks: FileChunks,
  pace: ServingPace | undefined,
): Promise<void> {
  const left = new Promise<'left'>((resolve) => response.once('close', () => resolve('left')));
  for await (const chunk of chunks) {
    if (pace && (await Promise.race([pace.take(chunk.length), left])) === 'left') return;
    const written = new Promise<'written'>((resolve) =>
      // An error here is the reader gone: 'close' says so too.
      response.write(chunk, (error) => {
        if (!error) resolve('written');
      }),
    );
    if ((await Promise.race([written, left])) === 'left') return;
  }
  response.end();
}
