import fs from 'node:fs';
import type { MeetingClient } from '@hopxa/client';
import { launchChromium } from '@hopxa/testing';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import {
  startServerProcess,
  temporaryDataDir,
  type ServerProcess,
} from '../../server/src/test/server-process.ts';

/** What a browser test drives: the real server in its own process, and Chromium. */
export type ServerAndBrowser = {
  readonly server: ServerProcess;
  readonly browser: Browser;
  /** Clients the test starts (tablets, the chair), stopped after its last test. */
  readonly clients: MeetingClient[];
};

/**
 * The real server on a data folder of its own and Chromium, started before the describe
 * block's first test and stopped after its last, the folder removed. Read `server` and
 * `browser` inside tests and later hooks: they are set before the first one runs.
 */
export function useServerAndBrowser(
  chromiumPath: string,
  options: { readonly env?: Record<string, string>; readonly fakeMedia?: boolean } = {},
): ServerAndBrowser {
  const dataDir = temporaryDataDir();
  const context = { clients: [] as MeetingClient[] } as {
    server: ServerProcess;
    browser: Browser;
    clients: MeetingClient[];
  };
  beforeAll(async () => {
    [context.server, context.browser] = await Promise.all([
      startServerProcess({ DATA_DIR: dataDir, ...options.env }),
      launchChromium(chromiumPath, { fakeMedia: options.fakeMedia ?? false }),
    ]);
  });
  afterAll(async () => {
    for (const client of context.clients) client.stop();
    await context.browser?.close();
    await context.server?.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });
  return context;
}
