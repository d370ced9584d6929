import type { Reporter, TestModule } from 'vitest/node';

/**
 * Ends every run with one plain line, `Summary: N passed, N failed, N skipped`, that
 * people and CI read the same way. A file that failed to load or whose setup failed, and an
 * error thrown outside any test, each count as a failure: none can hide behind a green count.
 */
export class SummaryReporter implements Reporter {
  onTestRunEnd(
    testModules: ReadonlyArray<TestModule>,
    unhandledErrors: ReadonlyArray<unknown>,
  ): void {
    let passed = 0;
    let failed = unhandledErrors.length;
    let skipped = 0;
    for (const testModule of testModules) {
      let failedHere = 0;
      for (const test of testModule.children.allTests()) {
        const state = test.result().state;
        if (state === 'passed') passed += 1;
        else if (state === 'failed') failedHere += 1;
        else skipped += 1;
      }
      // A file that did not load, or a failed beforeAll, leaves its tests unrun: one failure.
      if (failedHere === 0 && testModule.state() === 'failed') failedHere = 1;
      failed += failedHere;
    }
    process.stdout.write(`\nSummary: ${passed} passed, ${failed} failed, ${skipped} skipped\n`);
  }
}
