import fs from 'node:fs';
import { describe, it } from 'vitest';

/** In CI a suite whose service is missing fails; on a laptop it is skipped with a note. */
export const isCI = process.env.CI === 'true';

export type Service = 'postgres' | 'redis' | 'chromium';

const HOW_TO_PROVIDE: Record<Service, string> = {
  postgres: 'set DATABASE_URL to a Postgres server the tests may create databases on',
  redis: 'set REDIS_URL to a Redis server',
  chromium: 'install Chromium (apt-get install chromium) or set CHROMIUM_PATH',
};

/** Where a service is, or undefined when this machine has none configured. */
export function serviceLocation(service: Service): string | undefined {
  switch (service) {
    case 'postgres':
      return process.env.DATABASE_URL || undefined;
    case 'redis':
      return process.env.REDIS_URL || undefined;
    case 'chromium': {
      const candidate = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
      return fs.existsSync(candidate) ? candidate : undefined;
    }
  }
}

/**
 * A describe block that needs a real service. Without it: skipped locally, failed in CI.
 *
 * @example
 * describeWithService('redis', 'two processes', (redisUrl) => { it(...) });
 */
export function describeWithService(
  service: Service,
  title: string,
  body: (location: string) => void,
): void {
  const location = serviceLocation(service);
  if (location !== undefined) {
    describe(title, () => body(location));
  } else if (isCI) {
    describe(title, () => {
      it(`needs ${service}`, () => {
        throw new Error(`CI=true but ${service} is missing: ${HOW_TO_PROVIDE[service]}`);
      });
    });
  } else {
    describe.skip(`${title} (skipped: ${HOW_TO_PROVIDE[service]})`, () => body(''));
  }
}
