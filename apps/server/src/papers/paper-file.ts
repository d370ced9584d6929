import type { Response } from 'express';

/** A paper made for download: the file, its type and the name it is saved under. */
export type PaperFile = { file: Buffer; contentType: string; fileName: string };

/** Sends a made paper as a download no cache keeps: it holds a sitting's names and results. */
export function sendPaperFile(response: Response, made: PaperFile): void {
  response
    .type(made.contentType)
    .attachment(made.fileName)
    .setHeader('cache-control', 'no-store')
    .send(made.file);
}
