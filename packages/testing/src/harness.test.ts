import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const vitestBin = path.join(
  path.dirname(createRequire(import.meta.url).resolve('vitest/package.json')),
  'vitest.mjs',
);
const fixtureConfig = fileURLToPath(new URL('./fixtures/vitest.config.ts', import.meta.url));

function runFixture(fixture: string, env: Record<string, string>) {
  const inherited = Object.fromEntries(
    Object.entries(process.env).filter(([key]) => key !== 'CI' && key !== 'DATABASE_URL'),
  );
  return spawnSync(process.execPath, [vitestBin, 'run', '--config', fixtureConfig, fixture], {
    env: { ...inherited, ...env },
    encoding: 'utf8',
  });
}

describe('a suite whose service is missing', () => {
  it('fails the run under CI=true, saying which service and how to provide it', () => {
    const result = runFixture('needs-postgres', { CI: 'true' });
    expect(result.status).toBe(1);
    expect(result.stdout + result.stderr).toContain(
      'CI=true but postgres is missing: set DATABASE_URL',
    );
  });

  it('is skipped with a note elsewhere, and the run passes', () => {
    const result = runFixture('needs-postgres', {});
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/1 skipped/);
  });
});

describe('the closing summary line', () => {
  it('counts a suite whose setup failed as a failure, not as skipped tests', () => {
    const result = runFixture('failing-setup', {});
    expect(result.status).toBe(1);
    expect(result.stdout).toContain('Summary: 0 passed, 1 failed, 1 skipped');
  });
});
