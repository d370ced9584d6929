import { PeerConnection, type Audio, type Track, type Video } from 'node-datachannel';
import { InvalidOfferError, withoutCandidates, withoutTransportCc } from './sdp.ts';

/** Where the SFU's peer connections listen, and how long it waits on them. */
export type PeerSettings = {
  /** The UDP ports the SFU's ICE candidates may use; unset, the system picks any free port. */
  readonly portRangeBegin?: number;
  readonly portRangeEnd?: number;
  /** How long a peer may take from the answer to connected before its session fails. */
  readonly connectTimeoutMs: number;
  /**
   * How long a peer may stay disconnected before its session ends (libdatachannel says
   * disconnected when the remote side closed DTLS; ICE itself only fails after about 30 s).
   */
  readonly disconnectGraceMs: number;
  /** How long gathering ICE candidates may take before the offer is refused. */
  readonly gatheringTimeoutMs: number;
};

/** Why a peer went away by itself. */
export type PeerLoss = 'peer_closed' | 'failed';

/**
 * One peer connection of a session: answers the offer whole (candidates gathered, no
 * trickle), tells once when the peer is gone, and closes. Ended by the SFU (`close`), it
 * tells nothing.
 */
export class SessionPeer {
  readonly connection: PeerConnection;
  private readonly settings: PeerSettings;
  private readonly onLost: (loss: PeerLoss) => void;
  private closed = false;
  private readonly tracks: Track[] = [];
  private connectedOnce = false;
  private lossTimer: NodeJS.Timeout | undefined;
  private gathered: (() => void) | undefined;

  constructor(name: string, settings: PeerSettings, onLost: (loss: PeerLoss) => void) {
    this.settings = settings;
    this.onLost = onLost;
    this.connection = new PeerConnection(name, {
      iceServers: [],
      ...(settings.portRangeBegin !== undefined && { portRangeBegin: settings.portRangeBegin }),
      ...(settings.portRangeEnd !== undefined && { portRangeEnd: settings.portRangeEnd }),
    });
    this.connection.onStateChange((state) => this.stateChanged(state));
    this.connection.onGatheringStateChange((state) => {
      if (state === 'complete') this.gathered?.();
    });
  }

  /** Whether the peer is connected now. */
  get connected(): boolean {
    return !this.closed && this.connection.state() === 'connected';
  }

  /**
   * Sets the offer (without its candidates: the peer's checks lead the way, see
   * `withoutCandidates`), waits for ICE gathering and returns libdatachannel's answer without
   * transport-wide congestion control. The tracks for the offer's m-lines must be added
   * before: libdatachannel answers as soon as the offer is set. Throws `InvalidOfferError`
   * with libdatachannel's reason for an offer it refuses.
   */
  async answer(offer: string): Promise<string> {
    try {
      this.connection.setRemoteDescription(withoutCandidates(offer), 'offer');
    } catch (error) {
      throw new InvalidOfferError(error instanceof Error ? error.message : String(error));
    }
    // The gathering callback arrives through the event loop, never between these lines.
    if (this.connection.gatheringState() !== 'complete')
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error('gathering ICE candidates took too long')),
          this.settings.gatheringTimeoutMs,
        );
        this.gathered = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    if (this.closed) throw new Error('the session ended before its offer was answered');
    const answer = this.connection.localDescription()?.sdp;
    if (!answer) throw new Error('libdatachannel made no answer to the offer');
    this.lossTimer = setTimeout(() => this.lose('failed'), this.settings.connectTimeoutMs);
    return withoutTransportCc(answer);
  }

  /** Adds a track to the connection; it is closed with it. */
  addTrack(description: Video | Audio): Track {
    const track = this.connection.addTrack(description);
    this.tracks.push(track);
    return track;
  }

  /** Closes the connection; nothing is told after this. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    clearTimeout(this.lossTimer);
    // An answer still waiting for its candidates stops waiting (and fails: see `answer`).
    const gathered = this.gathered;
    this.gathered = undefined;
    gathered?.();
    // node-datachannel keeps a track's callbacks (and what they hold: the forwarded track,
    // its retransmission buffer) alive until the track itself is closed, not only its peer.
    for (const track of this.tracks.splice(0)) track.close();
    this.connection.close();
  }

  private stateChanged(state: string): void {
    if (this.closed) return;
    if (state === 'connected') {
      this.connectedOnce = true;
      clearTimeout(this.lossTimer);
      this.lossTimer = undefined;
    } else if (state === 'failed') {
      this.lose('failed');
    } else if (state === 'closed') {
      this.lose('peer_closed');
    } else if (state === 'disconnected' && this.connectedOnce) {
      clearTimeout(this.lossTimer);
      this.lossTimer = setTimeout(() => this.lose('peer_closed'), this.settings.disconnectGraceMs);
    }
  }

  private lose(loss: PeerLoss): void {
    if (this.closed) return;
    this.close();
    this.onLost(loss);
  }
}
