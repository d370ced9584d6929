import { SummaryReporter } from '@hopxa/testing/summary-reporter';
import { defineConfig } from 'vitest/config';

// Tests that start real processes, databases and browsers need more than the default 5 s, and
// what they wait for (a page's script running, a picture decoded) more than expect.poll's 1 s
// when every suite runs at once on two cores.
const slow = { testTimeout: 60_000, hookTimeout: 120_000, expect: { poll: { timeout: 10_000 } } };

export default defineConfig({
  test: {
    reporters: ['default', new SummaryReporter()],
    maxWorkers: 2,
    projects: [
      { test: { name: 'domain', root: 'packages/domain', include: ['src/**/*.test.ts'] } },
      {
        test: { name: 'testing', root: 'packages/testing', include: ['src/**/*.test.ts'], ...slow },
      },
      { test: { name: 'protocol', root: 'packages/protocol', include: ['src/**/*.test.ts'] } },
      {
        // Rendering a PDF and reading it back takes seconds when the machine is busy.
        test: { name: 'papers', root: 'packages/papers', include: ['src/**/*.test.ts'], ...slow },
      },
      { test: { name: 'minutes', root: 'packages/minutes', include: ['src/**/*.test.ts'] } },
      { test: { name: 'sfu', root: 'packages/sfu', include: ['src/**/*.test.ts'], ...slow } },
      {
        test: {
          name: 'web',
          root: 'apps/web',
          include: ['src/**/*.test.ts'],
        },
      },
      { test: { name: 'db', root: 'packages/db', include: ['src/**/*.test.ts'], ...slow } },
      {
        test: {
          name: 'server',
          root: 'apps/server',
          include: ['src/**/*.test.ts'],
          ...slow,
        },
      },
      {
        // Chromium driving the web app, served by a real server process. A whole sitting in a
        // browser runs for about a minute on a quiet machine.
        test: {
          name: 'e2e',
          root: 'apps/web',
          include: ['e2e/**/*.e2e.test.ts'],
          ...slow,
          testTimeout: 240_000,
        },
      },
    ],
  },
});
