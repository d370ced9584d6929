import fs from 'node:fs';
import path from 'node:path';
import { seriousAccessibilityProblems, type AccessibilityProblem } from '@hopxa/testing';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';

/**
 * Saves a full-page screenshot of `page` as `folder/name.png` and returns the serious and
 * critical accessibility problems axe-core finds on it (a test expects none).
 */
export async function captureScreen(
  page: Page,
  folder: string,
  name: string,
): Promise<AccessibilityProblem[]> {
  fs.mkdirSync(folder, { recursive: true });
  await page.screenshot({ path: path.join(folder, `${name}.png`), fullPage: true });
  return seriousAccessibilityProblems(page);
}

/** How far the page runs past the screen's bottom, in CSS pixels (0 or less: it fits). */
export function overflowOf(page: Page): Promise<number> {
  return page.evaluate(() => {
    const root = document.scrollingElement ?? document.documentElement;
    return root.scrollHeight - window.innerHeight;
  });
}

/** The rendered size, in CSS pixels, of every figure marked for reading from afar. */
export function figureSizesOf(page: Page): Promise<number[]> {
  return page
    .locator('[data-figure]')
    .evaluateAll((figures) =>
      figures
        .filter((figure) => figure.getClientRects().length > 0)
        .map((figure) => Number.parseFloat(getComputedStyle(figure).fontSize)),
    );
}

/** The usual commune projector, and a full-HD screen. */
export const HALL_SCREENS = [
  { width: 1366, height: 768 },
  { width: 1920, height: 1080 },
] as const;

/**
 * The hall display in its state now, at both hall screens: nothing to scroll, every figure at
 * least 48 px on the 1080-line screen (read from the back of a hall), a screenshot of each,
 * and no serious or critical accessibility problem (axe-core checks contrast too).
 */
export async function expectHallFits(page: Page, folder: string, name: string): Promise<void> {
  for (const size of HALL_SCREENS) {
    await page.setViewportSize(size);
    const where = `${name} at ${size.width}x${size.height}`;
    expect(await overflowOf(page), where).toBeLessThanOrEqual(0);
    if (size.height === 1080)
      for (const figure of await figureSizesOf(page))
        expect(figure, where).toBeGreaterThanOrEqual(48);
    expect(
      await captureScreen(page, folder, `${name}-${size.width}x${size.height}`),
      where,
    ).toEqual([]);
  }
}

/** The page as it is now fits its screen without scrolling, and is checked as every screen is. */
export async function expectScreenFits(page: Page, folder: string, name: string): Promise<void> {
  expect(await overflowOf(page), name).toBeLessThanOrEqual(0);
  expect(await captureScreen(page, folder, name), name).toEqual([]);
}
