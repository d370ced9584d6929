import type { MeetingClient } from '@hopxa/client';
import type { VideoEndedMessage } from '@hopxa/protocol';

/** How long a video message may wait for its answer before the link is tried again. */
export const ANSWER_TIMEOUT_MS = 10_000;
/** ICE gathering on a LAN takes milliseconds; a host without network interfaces would wait for ever. */
const GATHERING_LIMIT_MS = 3_000;
/** How soon a lost link is tried again; doubled each time up to the last. */
export const RETRY_DELAYS_MS = [500, 1_000, 2_000, 4_000] as const;

/**
 * An offer with its ICE candidates in it: the server answers whole offers (no trickle), as
 * WHIP and WHEP do.
 */
export async function gatheredOffer(pc: RTCPeerConnection): Promise<string> {
  await pc.setLocalDescription(await pc.createOffer());
  if (pc.iceGatheringState !== 'complete') {
    await new Promise<void>((resolve) => {
      const done = () => {
        if (pc.iceGatheringState !== 'complete') return;
        pc.removeEventListener('icegatheringstatechange', done);
        resolve();
      };
      pc.addEventListener('icegatheringstatechange', done);
      setTimeout(resolve, GATHERING_LIMIT_MS);
    });
  }
  return pc.localDescription?.sdp ?? '';
}

/** Calls `listener` when the server ends the session `sessionId()` names; returns the stop. */
export function onSessionEnded(
  client: MeetingClient,
  sessionId: () => string | null,
  listener: (message: VideoEndedMessage) => void,
): () => void {
  const heard = (message: VideoEndedMessage) => {
    if (message.sessionId === sessionId()) listener(message);
  };
  client.socket.on('video:ended', heard);
  return () => client.socket.off('video:ended', heard);
}
