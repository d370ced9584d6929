import { postgresErrorCode } from '@hopxa/db';
import { pino, type DestinationStream, type Logger } from 'pino';

export type { Logger };

/** JSON lines on stdout (or `destination`, for tests that read them); the level comes from LOG_LEVEL. */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  return pino({ level, base: { service: 'hopxa' } }, destination);
}

/**
 * An error as it may be logged: a failed database statement by its kind and code only, never
 * its text or parameters (they hold what people typed, or ballots); anything else whole.
 */
export function loggable(error: unknown): Record<string, unknown> {
  if (error instanceof Error && 'params' in error) {
    return { failed: error.name, code: postgresErrorCode(error) };
  }
  return { err: error };
}
