import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  h264Of,
  InvalidOfferError,
  namesEverySentStream,
  parseOffer,
  vp8Of,
  withoutTransportCc,
} from './sdp.ts';

/** Offers Chromium made: a point's (Opus, then two sendonly videos) and a viewer's. */
const fixture = (name: string) =>
  readFileSync(new URL(`./testing/fixtures/${name}`, import.meta.url), 'utf8');
const publisherOffer = fixture('chromium-publisher-offer.sdp');
const viewerOffer = fixture('chromium-viewer-offer.sdp');

describe('offers', () => {
  it("reads Chromium's publisher offer: its m-lines, directions and codecs", () => {
    const media = parseOffer(publisherOffer);
    expect(media.map(({ kind, mid, direction }) => ({ kind, mid, direction }))).toEqual([
      { kind: 'audio', mid: '0', direction: 'sendonly' },
      { kind: 'video', mid: '1', direction: 'sendonly' },
      { kind: 'video', mid: '2', direction: 'sendonly' },
    ]);
    const video = media[1]!;
    expect(vp8Of(video)).toEqual({
      payloadType: 96,
      name: 'VP8',
      clockRate: 90000,
      parameters: null,
    });
    expect(h264Of(video)?.payloadType).toBe(108); // packetization mode 1, constrained baseline
    expect(media[0]!.codecs[0]).toEqual({
      payloadType: 111,
      name: 'opus',
      clockRate: 48000,
      parameters: 'minptime=10;useinbandfec=1',
    });
  });

  it('refuses what is not an offer, saying why', () => {
    expect(() => parseOffer('garbage')).toThrow(InvalidOfferError);
    expect(() => parseOffer('garbage')).toThrow(/not an SDP offer/);
    expect(() => parseOffer('v=0\r\ns=-\r\n')).toThrow(/no ICE credentials/);
    const withoutMid = viewerOffer.replace(/a=mid:0\r\n/, '');
    expect(() => parseOffer(withoutMid)).toThrow(/m-line 1 of the offer has no a=mid/);
  });

  it('counts a disabled m-line (port 0) as inactive', () => {
    const disabled = viewerOffer.replace(/m=audio \d+/, 'm=audio 0');
    expect(parseOffer(disabled)[1]?.direction).toBe('inactive');
  });
});

describe('answers', () => {
  it('lose transport-cc feedback and the transport-wide-cc extension, nothing else', () => {
    const answer = [
      'v=0',
      'm=video 9 UDP/TLS/RTP/SAVPF 96',
      'a=extmap:3 http://www.ietf.org/id/draft-holmer-rmcat-transport-wide-cc-extensions-01',
      'a=extmap:2 http://www.webrtc.org/experiments/rtp-hdrext/abs-send-time',
      'a=rtcp-fb:96 transport-cc',
      'a=rtcp-fb:96 nack',
      '',
    ].join('\r\n');
    expect(withoutTransportCc(answer)).toBe(
      [
        'v=0',
        'm=video 9 UDP/TLS/RTP/SAVPF 96',
        'a=extmap:2 http://www.webrtc.org/experiments/rtp-hdrext/abs-send-time',
        'a=rtcp-fb:96 nack',
        '',
      ].join('\r\n'),
    );
  });

  it('name every stream they send (a=msid and a=ssrc), or are caught', () => {
    const sending = 'v=0\r\nm=video 9 X 96\r\na=sendonly\r\na=ssrc:5 cname:x\r\na=msid:s t\r\n';
    expect(namesEverySentStream(sending)).toBe(true);
    expect(namesEverySentStream(sending.replace('a=msid:s t\r\n', ''))).toBe(false);
    expect(namesEverySentStream(sending.replace('a=ssrc:5 cname:x\r\n', ''))).toBe(false);
    expect(namesEverySentStream('v=0\r\nm=video 9 X 96\r\na=recvonly\r\n')).toBe(true);
  });
});
