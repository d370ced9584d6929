import { randomInt, randomUUID } from 'node:crypto';
import { Audio, Video, type Track } from 'node-datachannel';
import { ForwardedTrack } from './forwarded-track.ts';
import type { MediaCodec } from './published-track.ts';
import type { PublisherSession } from './publisher-session.ts';
import { declinedTrack } from './publisher-session.ts';
import {
  h264Of,
  InvalidOfferError,
  namesEverySentStream,
  offersToReceive,
  opusOf,
  parseOffer,
  vp8Of,
  type OfferedMedia,
} from './sdp.ts';
import { SessionPeer, type PeerLoss, type PeerSettings } from './session-peer.ts';
import type { VideoQuality, VideoSource } from './video-router.ts';

/** The CNAME of every stream the SFU sends: one sender, as a viewer sees it. */
const CNAME = 'hopxa-sfu';

/**
 * A viewer's receive-only peer connection: one video m-line (VP8 and H.264 as its offer has
 * them, so either kind of publisher can be forwarded) and one Opus m-line, each with an SSRC
 * of the SFU's own, fed from whatever source the viewer watches now.
 */
export class ViewerSession {
  readonly role = 'viewer';
  readonly id = randomUUID();
  readonly meetingId: string;
  /** The point the viewer watches from, if any. */
  readonly viewerPointId: string | null;
  readonly peer: SessionPeer;
  source: VideoSource;
  quality: VideoQuality;
  readonly video: ForwardedTrack | null = null;
  readonly audio: ForwardedTrack | null = null;
  private readonly declined: Track[] = [];

  /**
   * Adds a sending track for the offer's first video and first audio m-line, inactive ones for
   * the rest. Throws `InvalidOfferError` for an offer with nothing the SFU can send.
   */
  constructor(options: {
    readonly meetingId: string;
    readonly viewerPointId: string | null;
    readonly source: VideoSource;
    readonly quality: VideoQuality;
    readonly offer: string;
    readonly settings: PeerSettings;
    readonly onLost: (session: ViewerSession, loss: PeerLoss) => void;
  }) {
    this.meetingId = options.meetingId;
    this.viewerPointId = options.viewerPointId;
    this.source = options.source;
    this.quality = options.quality;
    const offered = parseOffer(options.offer);
    this.peer = new SessionPeer(`viewer-${this.id}`, options.settings, (loss) =>
      options.onLost(this, loss),
    );
    const stream = `hopxa-${this.id}`;
    const ssrcs = distinctSsrcs();
    try {
      for (const media of offered) {
        if (media.kind === 'video' && !this.video && offersToReceive(media))
          this.video = this.sendVideo(media, stream, ssrcs.video);
        if (media.kind === 'audio' && !this.audio && offersToReceive(media))
          this.audio = this.sendAudio(media, stream, ssrcs.audio);
        if (!this.isAnsweredBy(media)) this.decline(media);
      }
      if (!this.video && !this.audio)
        throw new InvalidOfferError('the offer receives no VP8, H.264 or Opus media');
    } catch (error) {
      this.peer.close();
      throw error;
    }
  }

  /** Answers the offer given to the constructor, with each sent stream named in it. */
  async answer(offer: string): Promise<string> {
    const answer = await this.peer.answer(offer);
    if (!namesEverySentStream(answer))
      throw new Error('the answer lacks a=msid or a=ssrc: Chromium would decode nothing');
    return answer;
  }

  /**
   * Feeds the viewer from `publisher` (or from nothing). Returns false the first time the
   * viewer's offer turns out not to take the publisher's video codec: it then receives sound
   * only from it.
   */
  watch(publisher: PublisherSession | null): boolean {
    this.audio?.switchTo(publisher?.audio ?? null);
    return this.video?.switchTo(publisher?.videoFor(this.quality) ?? null) !== 'refused';
  }

  /** Whether the viewer takes media from `publisher` now. */
  watches(publisher: PublisherSession): boolean {
    const video = this.video?.currentSource;
    const audio = this.audio?.currentSource;
    return (!!video && publisher.video.includes(video)) || (!!audio && audio === publisher.audio);
  }

  /** Stops forwarding and ends the peer connection. */
  close(): void {
    this.video?.stop();
    this.audio?.stop();
    this.peer.close();
  }

  private isAnsweredBy(media: OfferedMedia): boolean {
    return [this.video, this.audio].some((track) => track?.mid === media.mid);
  }

  private sendVideo(media: OfferedMedia, stream: string, ssrc: number): ForwardedTrack | null {
    const vp8 = vp8Of(media);
    const h264 = h264Of(media);
    if (!vp8 && !h264) return null;
    const description = new Video(media.mid, 'SendOnly');
    const payloadTypes = new Map<MediaCodec, number>();
    if (vp8) {
      description.addVP8Codec(vp8.payloadType);
      payloadTypes.set('VP8', vp8.payloadType);
    }
    if (h264) {
      description.addH264Codec(h264.payloadType, h264.parameters ?? undefined);
      payloadTypes.set('H264', h264.payloadType);
    }
    description.addSSRC(ssrc, CNAME, stream, `${stream}-video`);
    return new ForwardedTrack({
      track: this.peer.addTrack(description),
      mid: media.mid,
      kind: 'video',
      ssrc,
      payloadTypes,
    });
  }

  private sendAudio(media: OfferedMedia, stream: string, ssrc: number): ForwardedTrack | null {
    const opus = opusOf(media);
    if (!opus) return null;
    const description = new Audio(media.mid, 'SendOnly');
    description.addOpusCodec(opus.payloadType, opus.parameters ?? undefined);
    description.addSSRC(ssrc, CNAME, stream, `${stream}-audio`);
    return new ForwardedTrack({
      track: this.peer.addTrack(description),
      mid: media.mid,
      kind: 'audio',
      ssrc,
      payloadTypes: new Map([['opus', opus.payloadType]]),
    });
  }

  private decline(media: OfferedMedia): void {
    const declined = declinedTrack(media);
    if (declined) this.declined.push(this.peer.addTrack(declined));
  }
}

function distinctSsrcs(): { video: number; audio: number } {
  const video = randomInt(1, 0xffffffff);
  let audio = randomInt(1, 0xffffffff);
  while (audio === video) audio = randomInt(1, 0xffffffff);
  return { video, audio };
}
