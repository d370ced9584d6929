import { describe, expect, it } from 'vitest';
import {
  clampPage,
  fileSize,
  highlightFromDrag,
  highlightStyle,
  MAX_CANVAS_PIXELS,
  MAX_ZOOM,
  MIN_HIGHLIGHT_SIDE,
  MIN_ZOOM,
  outputScale,
  pageLayout,
  pointOnPage,
  zoomIn,
  zoomOut,
} from './reader-geometry.ts';

describe('zoom for reading at arm’s length', () => {
  it('goes from fit-to-width up to three times, step by step, and stops at both ends', () => {
    expect([MIN_ZOOM, MAX_ZOOM]).toEqual([1, 3]);
    const up: number[] = [MIN_ZOOM];
    while (up.at(-1) !== MAX_ZOOM) up.push(zoomIn(up.at(-1) ?? MIN_ZOOM));
    expect(up).toEqual([1, 1.25, 1.5, 2, 2.5, 3]);
    expect(zoomIn(MAX_ZOOM)).toBe(MAX_ZOOM);
    expect(zoomOut(2)).toBe(1.5);
    expect(zoomOut(MIN_ZOOM)).toBe(MIN_ZOOM);
    // A zoom between two steps goes to the neighbouring step.
    expect(zoomIn(1.1)).toBe(1.25);
    expect(zoomOut(1.1)).toBe(1);
  });

  it('draws an A4 page as wide as the reading area, then wider', () => {
    // A4 in PDF points: 595 × 842.
    expect(pageLayout(595, 842, 776, 1)).toMatchObject({ width: 776, height: 1098 });
    const twice = pageLayout(595, 842, 776, 2);
    expect(twice.width).toBe(1552);
    expect(twice.scale).toBeCloseTo((776 / 595) * 2);
  });

  it('keeps a page number within the paper', () => {
    expect(clampPage(0, 12)).toBe(1);
    expect(clampPage(13, 12)).toBe(12);
    expect(clampPage(5.4, 12)).toBe(5);
    expect(clampPage(Number.NaN, 12)).toBe(1);
    expect(clampPage(3, 0)).toBe(1);
  });
});

describe('a sharp page the tablet can afford', () => {
  it('uses the screen’s pixel ratio while the canvas stays within what tablets draw', () => {
    expect(outputScale(776, 1098, 2)).toBe(2);
    expect(outputScale(776, 1098, Number.NaN)).toBe(1);
    // Three times a 1280-wide landscape tablet at ratio 2 would be ~80 million pixels.
    const ratio = outputScale(3840, 5434, 2);
    expect(ratio).toBeLessThan(1);
    expect(3840 * ratio * 5434 * ratio).toBeLessThanOrEqual(MAX_CANVAS_PIXELS + 1);
  });
});

describe('an area marked by dragging a finger', () => {
  const box = { left: 100, top: 50, width: 800, height: 1000 };

  it('is read as fractions of the page, kept on the page', () => {
    expect(pointOnPage(500, 550, box)).toEqual({ x: 0.5, y: 0.5 });
    expect(pointOnPage(0, 2000, box)).toEqual({ x: 0, y: 1 });
  });

  it('is the rectangle between where the finger went down and up, whichever way it went', () => {
    const area = highlightFromDrag({ x: 0.7, y: 0.5 }, { x: 0.2, y: 0.3 });
    expect(area).toEqual({ x: 0.2, y: 0.3, width: 0.5, height: 0.2 });
    expect(highlightStyle(area ?? { x: 0, y: 0, width: 0, height: 0 })).toBe(
      'left: 20.00%; top: 30.00%; width: 50.00%; height: 20.00%',
    );
  });

  it('is nothing for a tap', () => {
    expect(highlightFromDrag({ x: 0.5, y: 0.5 }, { x: 0.51, y: 0.52 })).toBeNull();
  });

  it('along a line of print is one line high, and stays on the page at its edge', () => {
    const line = highlightFromDrag({ x: 0.1, y: 0.4 }, { x: 0.8, y: 0.401 });
    expect(line?.height).toBe(MIN_HIGHLIGHT_SIDE);
    expect(line?.y).toBeCloseTo(0.4005 - MIN_HIGHLIGHT_SIDE / 2, 4);
    const bottom = highlightFromDrag({ x: 0.1, y: 1 }, { x: 0.8, y: 1 });
    expect(bottom).toMatchObject({ y: 1 - MIN_HIGHLIGHT_SIDE, height: MIN_HIGHLIGHT_SIDE });
  });
});

describe('a paper’s size in the list', () => {
  it('is said in the interface’s own way of writing numbers', () => {
    expect(fileSize(850_000, 'vi-VN')).toBe('850 KB');
    expect(fileSize(2_400_000, 'vi-VN')).toBe('2,4 MB');
    expect(fileSize(2_400_000, 'en-GB')).toBe('2.4 MB');
    expect(fileSize(23_000_000, 'en-GB')).toBe('23 MB');
    expect(fileSize(999_700, 'en-GB')).toBe('1.0 MB');
    expect(fileSize(512, 'en-GB')).toBe('512 B');
  });
});
