import { chromium, type Browser } from 'playwright-core';

/**
 * Starts the machine's Chromium headless. The background-networking flags keep it from
 * calling out to the internet, which a closed network answers with errors.
 */
export function launchChromium(executablePath: string): Promise<Browser> {
  return chromium.launch({
    executablePath,
    headless: true,
    args: [
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
