import { chromium, type Browser, type Page } from 'playwright-core';

/**
 * Starts the machine's Chromium headless. The background-networking flags keep it from
 * calling out to the internet, which a closed network answers with errors. With
 * `fakeMedia`, every page has a camera and a microphone (a moving test picture and a tone),
 * allowed without asking, and plays pictures by itself.
 */
export function launchChromium(
  executablePath: string,
  options: { readonly fakeMedia?: boolean } = {},
): Promise<Browser> {
  return chromium.launch({
    executablePath,
    headless: true,
    args: [
      ...(options.fakeMedia
        ? [
            '--use-fake-device-for-media-stream',
            '--use-fake-ui-for-media-stream',
            '--autoplay-policy=no-user-gesture-required',
          ]
        : []),
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
    ],
  });
}

export type AccessibilityProblem = {
  readonly id: string;
  readonly impact: string;
  readonly help: string;
  readonly targets: readonly string[];
};

/**
 * Runs axe-core in the page and returns its serious and critical violations (WCAG 2 A and
 * AA rules), each with the elements it found them on.
 */
export async function seriousAccessibilityProblems(page: Page): Promise<AccessibilityProblem[]> {
  const axe = await import('axe-core');
  await page.addScriptTag({ content: axe.default.source });
  const violations = await page.evaluate(async () => {
    // Runs in the page, where axe-core has just put itself on the global object.
    const result = await (
      globalThis as unknown as {
        axe: { run: (options: unknown) => Promise<{ violations: unknown[] }> };
      }
    ).axe.run({ runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21aa'] } });
    return result.violations as {
      id: string;
      impact: string | null;
      help: string;
      nodes: { target: string[] }[];
    }[];
  });
  return violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => ({
      id: violation.id,
      impact: violation.impact ?? '',
      help: violation.help,
      targets: violation.nodes.map((node) => node.target.join(' ')),
    }));
}
