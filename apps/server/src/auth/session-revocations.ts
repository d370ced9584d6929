import { EventEmitter } from 'node:events';

/**
 * Tells the realtime side which sessions just ended (signed out, revoked tablet), so their
 * open sockets are closed at once instead of living on with the powers they had.
 */
export class SessionRevocations extends EventEmitter<{ revoked: [sessionIds: readonly string[]] }> {
  revoke(sessionIds: readonly string[]): void {
    if (sessionIds.length > 0) this.emit('revoked', sessionIds);
  }
}
