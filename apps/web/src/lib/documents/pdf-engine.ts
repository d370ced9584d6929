import type { DocumentView } from '@hopxa/protocol';
import type { PDFDocumentProxy, PDFPageProxy, PDFWorker } from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { DocumentInitParameters } from 'pdfjs-dist/types/src/display/api';
// Static files of pdf.js, emitted by Vite as hashed assets beside the app and fetched only
// when a paper is opened (a `?url` import is a string, never the file's bytes).
import workerUrl from 'pdfjs-dist/legacy/build/pdf.worker.min.mjs?url';
import jbig2WasmUrl from 'pdfjs-dist/wasm/jbig2.wasm?url';
import openjpegWasmUrl from 'pdfjs-dist/wasm/openjpeg.wasm?url';
import dingbatsFontUrl from 'pdfjs-dist/standard_fonts/FoxitDingbats.pfb?url';
import symbolFontUrl from 'pdfjs-dist/standard_fonts/FoxitSymbol.pfb?url';
import { documentFilePath, recordOpening } from './documents-api.ts';
import type { PaperShelf } from './offline-papers.ts';
import { outputScale, pageLayout } from './reader-geometry.ts';

/**
 * The only module that touches pdf.js. The library (about 155 KB gzipped) is imported
 * dynamically, so it is a chunk of its own that no screen loads before a paper is opened;
 * its worker (about 395 KB gzipped) is a static file the browser fetches once and caches.
 *
 * The legacy build, not the default one: the default build calls JavaScript that only the
 * newest browsers have (Map.prototype.getOrInsertComputed, Math.sumPrecise,
 * Uint8Array.fromBase64), and the commune's tablets are not the newest. The legacy build
 * carries what it needs.
 *
 * A paper opens from the copy kept on the tablet when there is one (its id's file never
 * changes), else from the server with byte ranges: pdf.js asks first for the ranges that
 * page 1 needs, so it shows before a 20 MB paper has arrived, while the rest streams in;
 * once all of it is there, the bytes are kept on the shelf for reading offline.
 */

type PdfJs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');

/**
 * Bytes per range request: 256 KB. Fewer round trips than pdf.js's 64 KB on a hall's busy
 * Wi-Fi, still small enough that page 1 needs only a few of them.
 */
export const RANGE_CHUNK_SIZE = 256 * 1024;

/** How long a closed paper may go on downloading so that it is kept for offline reading. */
const KEEP_AFTER_CLOSE_MS = 3 * 60_000;

let library: Promise<PdfJs> | null = null;
let sharedWorker: PDFWorker | null = null;

/** pdf.js, loaded once on first use; a failed load (offline) is tried again next time. */
export function loadPdfJs(): Promise<PdfJs> {
  library ??= import('pdfjs-dist/legacy/build/pdf.mjs').then(
    (pdfjs) => {
      pdfjs.GlobalWorkerOptions.workerSrc = workerUrl;
      return pdfjs;
    },
    (error: unknown) => {
      library = null;
      throw error;
    },
  );
  return library;
}

/** One worker for every paper of the session: started once, not once per opening. */
function worker(pdfjs: PdfJs): PDFWorker {
  if (!sharedWorker || sharedWorker.destroyed) sharedWorker = new pdfjs.PDFWorker();
  return sharedWorker;
}

/** The files pdf.js may ask for while reading a paper, by the name it asks with. */
const BINARY_FILES: Readonly<Record<string, string>> = {
  // Scanned papers: JBIG2 and CCITT fax images (office scanners), JPEG 2000.
  'jbig2.wasm': jbig2WasmUrl,
  'openjpeg.wasm': openjpegWasmUrl,
  // The two standard fonts that no system font stands in for.
  'FoxitSymbol.pfb': symbolFontUrl,
  'FoxitDingbats.pfb': dingbatsFontUrl,
};

/**
 * Answers the worker's requests for decoders and fonts from the hashed asset files, as
 * pdf.js's own factory would from a folder (`wasmUrl`), which a Vite build does not have.
 */
class AssetDataFactory {
  async fetch({ filename }: { kind: string; filename: string }): Promise<Uint8Array> {
    const url = BINARY_FILES[filename];
    if (!url) throw new Error(`No such pdf.js file: ${filename}`);
    const response = await fetch(url);
    if (!response.ok) throw new Error(`Unable to load ${filename}: ${response.status}`);
    return new Uint8Array(await response.arrayBuffer());
  }
}

/** The options every opening shares. */
function commonParameters(pdfjs: PdfJs): DocumentInitParameters {
  return {
    worker: worker(pdfjs),
    // The worker asks the page for decoders and fonts (see AssetDataFactory).
    useWorkerFetch: false,
    BinaryDataFactory: AssetDataFactory,
    // Main-thread rendering: no second worker to download for a few pages at a time.
    disableWorkerRendering: true,
    verbosity: pdfjs.VerbosityLevel.ERRORS,
  };
}

export type PaperFailure =
  /** Not on the tablet and the server could not be reached. */
  | 'network'
  /** The server refused (withdrawn, no longer readable by this member). */
  | 'unavailable'
  /** The file could not be read as a PDF. */
  | 'damaged';

export class PaperOpenError extends Error {
  readonly reason: PaperFailure;
  constructor(reason: PaperFailure, cause: unknown) {
    super(`The paper did not open: ${reason}`, { cause });
    this.reason = reason;
  }
}

/** Why pdf.js failed, in the reader's three cases. Errors cross the worker by name. */
function failure(error: unknown): PaperFailure {
  const name = error instanceof Error ? error.name : '';
  if (['InvalidPDFException', 'PasswordException', 'FormatError'].includes(name)) return 'damaged';
  const status = (error as { status?: unknown } | null)?.status;
  if (name === 'ResponseException' && typeof status === 'number' && status >= 400 && status < 500)
    return 'unavailable';
  return 'network';
}

/** An open paper: its pages, and whether it is kept on the tablet. */
export type OpenedPaper = {
  readonly pageCount: number;
  /** Where the bytes came from: the server, or the copy kept on this tablet. */
  readonly source: 'network' | 'shelf';
  /** Resolves true once the whole file is kept for reading offline. */
  readonly kept: Promise<boolean>;
  getPage(pageNumber: number): Promise<PDFPageProxy>;
  /** Draws a page into a new canvas; see `renderPage`. */
  render(pageNumber: number, options: RenderOptions): Rendering;
  /** Draws a page's thumbnail, one at a time after the others asked. */
  thumbnail(pageNumber: number, width: number, signal: AbortSignal): Promise<HTMLCanvasElement>;
  /** Frees the paper. A paper still arriving from the server finishes first (to be kept). */
  close(): void;
};

export type OpenOptions = {
  readonly shelf?: PaperShelf | null;
  /** Bytes arrived so far and the file's size, while it comes from the server. */
  readonly onProgress?: (loaded: number, total: number) => void;
  /** Aborting stops the opening (the reader was closed first). */
  readonly signal?: AbortSignal;
};

/**
 * Opens a paper for reading: from the tablet's copy if there is one, else from the server.
 * Rejects with a `PaperOpenError` saying why it could not.
 */
export async function openPaper(
  document: DocumentView,
  options: OpenOptions = {},
): Promise<OpenedPaper> {
  const { shelf = null, onProgress, signal } = options;
  let pdfjs: PdfJs;
  try {
    pdfjs = await loadPdfJs();
  } catch (error) {
    // The library itself could not be fetched: the app's own files, so the network.
    throw new PaperOpenError('network', error);
  }
  const kept = await shelf?.readFile(document);
  const source = kept ? 'shelf' : 'network';
  const task = pdfjs.getDocument({
    ...commonParameters(pdfjs),
    ...(kept
      ? { data: kept }
      : {
          url: new URL(documentFilePath(document.id), globalThis.location.href),
          rangeChunkSize: RANGE_CHUNK_SIZE,
          // Same origin: the session cookie goes with every range request without this.
          withCredentials: false,
        }),
  });
  if (onProgress && !kept)
    task.onProgress = ({ loaded, total }: { loaded: number; total: number }) =>
      onProgress(loaded, total || document.byteSize);
  const abort = () => void task.destroy();
  signal?.addEventListener('abort', abort, { once: true });

  let pdf: PDFDocumentProxy;
  try {
    pdf = await task.promise;
  } catch (error) {
    throw new PaperOpenError(signal?.aborted ? 'network' : failure(error), error);
  } finally {
    signal?.removeEventListener('abort', abort);
  }
  // Read from the tablet: the server still learns of the opening, when it can be reached.
  if (kept) void recordOpening(document.id);

  // Kept once the whole file is in: waiting for that (getDownloadInfo) rather than asking
  // for the bytes at once, which would fetch the rest again as one range beside the stream.
  const keeping: Promise<boolean> = kept
    ? Promise.resolve(true)
    : shelf?.available
      ? pdf
          .getDownloadInfo()
          .then(() => pdf.getData())
          .then(
            (bytes) => shelf.keepFile(document, bytes),
            () => false,
          )
      : Promise.resolve(false);

  let thumbnails: Promise<unknown> = Promise.resolve();
  return {
    pageCount: pdf.numPages,
    source,
    kept: keeping,
    getPage: (pageNumber) => pdf.getPage(pageNumber),
    render: (pageNumber, renderOptions) => renderPage(() => pdf.getPage(pageNumber), renderOptions),
    thumbnail(pageNumber, width, abortSignal) {
      const next = thumbnails.then(async () => {
        if (abortSignal.aborted) throw new DOMException('Not needed any more', 'AbortError');
        const page = await pdf.getPage(pageNumber);
        const rendering = renderPage(async () => page, {
          areaWidth: width,
          zoom: 1,
          devicePixelRatio: globalThis.devicePixelRatio || 1,
        });
        const stop = () => rendering.cancel();
        abortSignal.addEventListener('abort', stop, { once: true });
        try {
          return (await rendering.promise).canvas;
        } finally {
          abortSignal.removeEventListener('abort', stop);
          // A thumbnail's drawing instructions are not needed again: free them.
          page.cleanup();
        }
      });
      thumbnails = next.catch(() => undefined);
      return next;
    },
    close() {
      // pdf.js 6 frees a document through its loading task (the proxy has no destroy).
      const destroy = () => void task.destroy();
      const timer = setTimeout(destroy, KEEP_AFTER_CLOSE_MS);
      void keeping.finally(() => {
        clearTimeout(timer);
        destroy();
      });
    },
  };
}

export type RenderOptions = {
  /** The width, in CSS pixels, that fits the page to the reading area. */
  readonly areaWidth: number;
  /** Times fit-to-width. */
  readonly zoom: number;
  readonly devicePixelRatio: number;
};

export type Rendering = {
  /** The drawn page in a canvas of its own, sized in CSS pixels. */
  readonly promise: Promise<{ canvas: HTMLCanvasElement; width: number; height: number }>;
  cancel(): void;
};

/**
 * Draws a page into a new canvas at the screen's resolution (device pixels, within what a
 * tablet's canvas allows), so the page shown stays on screen until its replacement is ready.
 */
export function renderPage(
  page: () => Promise<PDFPageProxy>,
  { areaWidth, zoom, devicePixelRatio }: RenderOptions,
): Rendering {
  let cancelled = false;
  let cancelTask: (() => void) | null = null;
  const promise = (async () => {
    const proxy = await page();
    if (cancelled) throw new DOMException('Cancelled', 'AbortError');
    const natural = proxy.getViewport({ scale: 1 });
    const layout = pageLayout(natural.width, natural.height, areaWidth, zoom);
    const viewport = proxy.getViewport({ scale: layout.scale });
    const ratio = outputScale(viewport.width, viewport.height, devicePixelRatio);
    const canvas = globalThis.document.createElement('canvas');
    canvas.width = Math.max(1, Math.floor(viewport.width * ratio));
    canvas.height = Math.max(1, Math.floor(viewport.height * ratio));
    canvas.style.width = `${layout.width}px`;
    canvas.style.height = `${layout.height}px`;
    const task = proxy.render({
      canvas,
      viewport,
      ...(ratio !== 1 && { transform: [ratio, 0, 0, ratio, 0, 0] }),
    });
    cancelTask = () => task.cancel();
    await task.promise;
    return { canvas, width: layout.width, height: layout.height };
  })();
  return {
    promise,
    cancel() {
      cancelled = true;
      cancelTask?.();
    },
  };
}
