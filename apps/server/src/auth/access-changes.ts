import { EventEmitter } from 'node:events';

/**
 * Tells the realtime side when access changed: sessions that ended (signed out, revoked
 * tablet), whose open sockets are closed at once; and seats or meeting roles that changed,
 * after which every socket reads its actor again before its next command.
 */
export class AccessChanges extends EventEmitter<{
  sessionsRevoked: [sessionIds: readonly string[]];
  rolesChanged: [];
}> {
  revokeSessions(sessionIds: readonly string[]): void {
    if (sessionIds.length > 0) this.emit('sessionsRevoked', sessionIds);
  }

  rolesChanged(): void {
    this.emit('rolesChanged');
  }
}
