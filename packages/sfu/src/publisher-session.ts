import { randomUUID } from 'node:crypto';
import { Audio, Video, type Track } from 'node-datachannel';
import { PublishedTrack } from './published-track.ts';
import { ReceptionStats } from './reception-stats.ts';
import {
  h264Of,
  InvalidOfferError,
  offersToSend,
  opusOf,
  parseOffer,
  vp8Of,
  type OfferedMedia,
} from './sdp.ts';
import { SessionPeer, type PeerLoss, type PeerSettings } from './session-peer.ts';

/**
 * A point's camera and microphone: one peer connection receiving an Opus m-line and one or
 * two video m-lines (VP8 preferred, else H.264). With two, the first is the high quality and
 * the second the low; with one, it is both.
 */
export class PublisherSession {
  readonly role = 'publisher';
  readonly id = randomUUID();
  readonly meetingId: string;
  readonly pointId: string;
  readonly peer: SessionPeer;
  readonly reception = new ReceptionStats();
  /** High quality first, then low if the publisher sends a second video m-line. */
  readonly video: PublishedTrack[] = [];
  readonly audio: PublishedTrack | null = null;
  /** M-lines answered inactive; held so that no collected wrapper closes them. */
  private readonly declined: Track[] = [];

  /**
   * Adds a receiving track for each m-line of `offer` the SFU takes, inactive ones for the
   * rest. Throws `InvalidOfferError` for an offer with nothing the SFU can forward.
   */
  constructor(options: {
    readonly meetingId: string;
    readonly pointId: string;
    readonly offer: string;
    readonly settings: PeerSettings;
    readonly onLost: (session: PublisherSession, loss: PeerLoss) => void;
  }) {
    this.meetingId = options.meetingId;
    this.pointId = options.pointId;
    const offered = parseOffer(options.offer);
    this.peer = new SessionPeer(`publisher-${this.id}`, options.settings, (loss) =>
      options.onLost(this, loss),
    );
    try {
      for (const media of offered) {
        if (media.kind === 'audio' && !this.audio && offersToSend(media) && opusOf(media))
          this.audio = this.receiveAudio(media);
        else if (media.kind === 'video' && this.video.length < 2 && offersToSend(media)) {
          const track = this.receiveVideo(media);
          if (track) this.video.push(track);
          else this.decline(media);
        } else this.decline(media);
      }
      if (!this.audio && this.video.length === 0)
        throw new InvalidOfferError('the offer sends no Opus, VP8 or H.264 media');
    } catch (error) {
      this.peer.close();
      throw error;
    }
  }

  /** Answers the offer given to the constructor. */
  answer(offer: string): Promise<string> {
    return this.peer.answer(offer);
  }

  /** The track a viewer of `quality` takes, if the publisher sends video. */
  videoFor(quality: 'high' | 'low'): PublishedTrack | null {
    return (quality === 'low' ? this.video[1] : undefined) ?? this.video[0] ?? null;
  }

  /** Ends the peer connection (the viewers are moved off its tracks by the core). */
  close(): void {
    this.peer.close();
  }

  private receiveAudio(media: OfferedMedia): PublishedTrack | null {
    const opus = opusOf(media);
    if (!opus) return null;
    const description = new Audio(media.mid, 'RecvOnly');
    description.addOpusCodec(opus.payloadType, opus.parameters ?? undefined);
    return new PublishedTrack({
      track: this.peer.addTrack(description),
      kind: 'audio',
      codec: 'opus',
      payloadType: opus.payloadType,
      clockRate: opus.clockRate,
      reception: this.reception,
    });
  }

  private receiveVideo(media: OfferedMedia): PublishedTrack | null {
    const vp8 = vp8Of(media);
    const h264 = vp8 ? undefined : h264Of(media);
    const chosen = vp8 ?? h264;
    if (!chosen) return null;
    const description = new Video(media.mid, 'RecvOnly');
    // Only the chosen codec is answered, so the browser cannot send another.
    if (vp8) description.addVP8Codec(vp8.payloadType);
    else description.addH264Codec(chosen.payloadType, chosen.parameters ?? undefined);
    return new PublishedTrack({
      track: this.peer.addTrack(description),
      kind: 'video',
      codec: vp8 ? 'VP8' : 'H264',
      payloadType: chosen.payloadType,
      clockRate: chosen.clockRate,
      reception: this.reception,
    });
  }

  private decline(media: OfferedMedia): void {
    const declined = declinedTrack(media);
    if (declined) this.declined.push(this.peer.addTrack(declined));
  }
}

/**
 * An inactive answer for an audio or video m-line the SFU does not take: without a track of
 * its own, libdatachannel would accept the m-line with every codec offered.
 */
export function declinedTrack(media: OfferedMedia): Audio | Video | null {
  const codec = media.codecs[0];
  if (!codec) return null;
  if (media.kind === 'audio') {
    const audio = new Audio(media.mid, 'Inactive');
    audio.addAudioCodec(codec.payloadType, codec.name);
    return audio;
  }
  if (media.kind === 'video') {
    const video = new Video(media.mid, 'Inactive');
    video.addVideoCodec(codec.payloadType, codec.name);
    return video;
  }
  return null;
}
