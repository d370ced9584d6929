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

export type VideoQuality = 'high' | 'low';

/** Below this many bits per second coming in, a viewer asks for the low quality. */
const LOW_LINK_BPS = 600_000;
/** Above this, a viewer on the low quality by necessity goes back up. */
const GOOD_LINK_BPS = 1_200_000;
/** More than this share of packets missing over two seconds: the link cannot carry high. */
const LOSSY = 0.05;

/**
 * The quality a viewer's link can carry: low when the browser's estimate of the incoming
 * bandwidth is short or packets go missing, high again only once the link is clearly good
 * (between the two, it stays as it is, so it does not swing back and forth).
 */
export function qualityForLink(link: {
  /** Share of the last two seconds' video packets lost, 0 to 1. */
  readonly loss: number;
  /** The browser's estimate of the incoming bandwidth (bits per second), when it gives one. */
  readonly available: number | undefined;
  readonly current: VideoQuality;
}): VideoQuality {
  const { loss, available, current } = link;
  if (loss > LOSSY || (available !== undefined && available < LOW_LINK_BPS)) return 'low';
  if (loss < LOSSY / 5 && (available === undefined || available > GOOD_LINK_BPS)) return 'high';
  return current;
}
