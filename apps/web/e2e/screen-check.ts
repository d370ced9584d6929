import fs from 'node:fs';
import path from 'node:path';
import { seriousAccessibilityProblems, type AccessibilityProblem } from '@hopxa/testing';
import type { Page } from 'playwright-core';

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
