import { pino, type DestinationStream, type Logger } from 'pino';

export type { Logger };

/** JSON lines on stdout (or `destination`, for tests that read them); the level comes from LOG_LEVEL. */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  return pino({ level, base: { service: 'hopxa' } }, destination);
}
