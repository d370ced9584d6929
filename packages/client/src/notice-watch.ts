import {
  PROTOCOL_VERSION,
  type ClientToServerEvents,
  type NoticeChangedMessage,
  type ServerToClientEvents,
} from '@hopxa/protocol';
import { io, type Socket } from 'socket.io-client';

/**
 * Listens, on a connection of its own, for the notices of the account's meetings: a meeting
 * convened, or its notice changed (`notice:changed`). A member's home screen reads its
 * notices again on each, and once more after a reconnect, in case one came meanwhile.
 * Returns the function that stops listening.
 */
export function watchNotices(
  url: string,
  onChanged: (message: NoticeChangedMessage | null) => void,
  /** Headers for a client outside a browser (its session cookie); a page sends its own. */
  headers?: Record<string, string>,
): () => void {
  const socket: Socket<ServerToClientEvents, ClientToServerEvents> = io(url, {
    transports: ['websocket'],
    auth: { protocolVersion: PROTOCOL_VERSION },
    forceNew: true,
    reconnectionDelay: 250,
    reconnectionDelayMax: 5000,
    ...(headers && { extraHeaders: headers }),
  });
  let connectedBefore = false;
  socket.on('notice:changed', (message) => onChanged(message));
  socket.on('connect', () => {
    if (connectedBefore) onChanged(null);
    connectedBefore = true;
  });
  return () => {
    socket.disconnect();
  };
}
