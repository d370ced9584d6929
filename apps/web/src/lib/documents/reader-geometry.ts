import type { NoteHighlight } from './notes-book.ts';

/**
 * The reader's arithmetic, apart from the screen so that it is tested: zoom steps, the size a
 * page is drawn at, the canvas resolution a tablet can afford, and a dragged rectangle as
 * fractions of its page.
 */

/**
 * Zoom levels, as multiples of "fit to width" (1 = the page as wide as the reading area):
 * up to three times for reading small print at arm's length.
 */
export const ZOOM_STEPS = [1, 1.25, 1.5, 2, 2.5, 3] as const;
export const MIN_ZOOM = ZOOM_STEPS[0];
export const MAX_ZOOM = ZOOM_STEPS[ZOOM_STEPS.length - 1] ?? 3;

/** The next step up from `zoom` (or the largest). */
export function zoomIn(zoom: number): number {
  return ZOOM_STEPS.find((step) => step > zoom + 1e-9) ?? MAX_ZOOM;
}

/** The next step down from `zoom` (or the smallest). */
export function zoomOut(zoom: number): number {
  return [...ZOOM_STEPS].reverse().find((step) => step < zoom - 1e-9) ?? MIN_ZOOM;
}

/** A page number kept within the paper: 1 to `pageCount`. */
export function clampPage(page: number, pageCount: number): number {
  if (!Number.isFinite(page)) return 1;
  return Math.min(Math.max(1, Math.round(page)), Math.max(1, pageCount));
}

/**
 * The size, in CSS pixels, to draw a page whose natural size (at scale 1) is
 * `pageWidth` × `pageHeight` in an area `areaWidth` wide, at `zoom` times fit-to-width; and
 * the pdf.js scale that gives it.
 */
export function pageLayout(
  pageWidth: number,
  pageHeight: number,
  areaWidth: number,
  zoom: number,
): { width: number; height: number; scale: number } {
  const scale = (Math.max(areaWidth, 1) / pageWidth) * zoom;
  return {
    width: Math.floor(pageWidth * scale),
    height: Math.floor(pageHeight * scale),
    scale,
  };
}

/**
 * Pixels a page's canvas may have: 4096 × 4096, what iPads and most Android tablets draw
 * without failing or running out of memory (a blank page at high zoom otherwise).
 */
export const MAX_CANVAS_PIXELS = 4096 * 4096;

/**
 * How many canvas pixels per CSS pixel to draw a `width` × `height` page with: the screen's
 * device pixel ratio, so text is sharp, unless that would pass `maxPixels`.
 */
export function outputScale(
  width: number,
  height: number,
  devicePixelRatio: number,
  maxPixels = MAX_CANVAS_PIXELS,
): number {
  const wanted = Number.isFinite(devicePixelRatio) && devicePixelRatio > 0 ? devicePixelRatio : 1;
  const area = Math.max(width * height, 1);
  return Math.min(wanted, Math.sqrt(maxPixels / area));
}

/** A point on a page as fractions of its width and height (0 to 1). */
export type PagePoint = { readonly x: number; readonly y: number };

const clamp01 = (value: number) => Math.min(Math.max(value, 0), 1);

/** Where a touch at (`clientX`, `clientY`) falls on a page drawn in `box`, as fractions. */
export function pointOnPage(
  clientX: number,
  clientY: number,
  box: { left: number; top: number; width: number; height: number },
): PagePoint {
  return {
    x: clamp01((clientX - box.left) / Math.max(box.width, 1)),
    y: clamp01((clientY - box.top) / Math.max(box.height, 1)),
  };
}

/** A drag shorter than this, in both directions, is a tap, not a marked area. */
export const MIN_DRAG = 0.03;
/** The thinnest marked area: about one line of print, so a sideways drag still shows. */
export const MIN_HIGHLIGHT_SIDE = 0.015;

/** Round to 4 decimals, so a note's highlight reads the same on every device. */
const tidy = (value: number) => Math.round(value * 10_000) / 10_000;

/**
 * The area marked by a drag from `start` to `end`, as fractions of the page; null for a tap.
 * A thin drag (along a line of text) is widened to one line's height, kept on the page.
 */
export function highlightFromDrag(start: PagePoint, end: PagePoint): NoteHighlight | null {
  const left = clamp01(Math.min(start.x, end.x));
  const right = clamp01(Math.max(start.x, end.x));
  const top = clamp01(Math.min(start.y, end.y));
  const bottom = clamp01(Math.max(start.y, end.y));
  if (right - left < MIN_DRAG && bottom - top < MIN_DRAG) return null;
  const [x, width] = widened(left, right);
  const [y, height] = widened(top, bottom);
  return { x: tidy(x), y: tidy(y), width: tidy(width), height: tidy(height) };
}

/** A side from `low` to `high`, at least MIN_HIGHLIGHT_SIDE long, within 0 to 1. */
function widened(low: number, high: number): [number, number] {
  const length = Math.max(high - low, MIN_HIGHLIGHT_SIDE);
  const centre = (low + high) / 2;
  const start = Math.min(Math.max(centre - length / 2, 0), 1 - length);
  return [start, length];
}

/** A highlight as CSS percentages over its page. */
export function highlightStyle(highlight: NoteHighlight): string {
  const percent = (value: number) => `${(value * 100).toFixed(2)}%`;
  return [
    `left: ${percent(highlight.x)}`,
    `top: ${percent(highlight.y)}`,
    `width: ${percent(highlight.width)}`,
    `height: ${percent(highlight.height)}`,
  ].join('; ');
}

/**
 * A file's size for people: "850 KB", "2,4 MB" (in the interface's locale). Decimal units,
 * as file managers and phones show them.
 */
export function fileSize(bytes: number, locale: string): string {
  const units = ['B', 'KB', 'MB', 'GB'] as const;
  let value = Math.max(bytes, 0);
  let unit = 0;
  while (value >= 999.5 && unit < units.length - 1) {
    value /= 1000;
    unit += 1;
  }
  const digits = unit >= 2 && value < 10 ? 1 : 0;
  const number = new Intl.NumberFormat(locale, {
    maximumFractionDigits: digits,
    minimumFractionDigits: digits,
  }).format(value);
  return `${number} ${units[unit]}`;
}
