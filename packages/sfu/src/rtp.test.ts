import { describe, expect, it } from 'vitest';
import { startsKeyframe } from './keyframe.ts';
import {
  isRtcp,
  payloadOffsetOf,
  payloadTypeOf,
  rewriteHeader,
  sequenceDistance,
  sequenceOf,
  ssrcOf,
  timestampOf,
} from './rtp.ts';
import { syntheticPacket } from './testing/synthetic-media.ts';

const stamp = { tag: 7, track: 0, frame: 1, sentAt: 0 };

function vp8(first: boolean, keyframe: boolean): Buffer {
  return syntheticPacket({
    codec: 'VP8',
    payloadType: 96,
    ssrc: 0xdeadbeef,
    sequence: 65535,
    timestamp: 0xfffffff0,
    first,
    last: true,
    keyframe,
    stamp,
    payloadBytes: 100,
  });
}

describe('RTP header fields', () => {
  it('reads what the sender wrote and rewrites the forwarded fields, keeping the marker', () => {
    const packet = vp8(true, true);
    expect(payloadTypeOf(packet)).toBe(96);
    expect(sequenceOf(packet)).toBe(65535);
    expect(timestampOf(packet)).toBe(0xfffffff0);
    expect(ssrcOf(packet)).toBe(0xdeadbeef);
    const payload = Buffer.from(packet.subarray(12));
    rewriteHeader(packet, 100, 7, 0x12345678, 42);
    expect(packet[1]! & 0x80).toBe(0x80);
    expect([
      payloadTypeOf(packet),
      sequenceOf(packet),
      timestampOf(packet),
      ssrcOf(packet),
    ]).toEqual([100, 7, 0x12345678, 42]);
    expect(packet.subarray(12).equals(payload)).toBe(true);
  });

  it('tells RTCP from RTP on a multiplexed track', () => {
    expect(isRtcp(Buffer.from([0x81, 205, 0, 3]))).toBe(true);
    expect(isRtcp(Buffer.from([0x80, 200, 0, 6]))).toBe(true);
    expect(isRtcp(vp8(true, true))).toBe(false);
  });

  it('finds the payload after CSRCs and a header extension, and refuses a truncated one', () => {
    const packet = Buffer.alloc(12 + 4 + 4 + 8 + 3);
    packet[0] = 0x80 | 0x10 | 1; // one CSRC, an extension
    packet.writeUInt16BE(2, 12 + 4 + 2); // extension of two words
    expect(payloadOffsetOf(packet)).toBe(12 + 4 + 4 + 8);
    expect(payloadOffsetOf(packet.subarray(0, 20))).toBe(-1);
  });

  it('measures sequence distance across the wrap', () => {
    expect(sequenceDistance(2, 65534)).toBe(4);
    expect(sequenceDistance(65534, 2)).toBe(-4);
    expect(sequenceDistance(9, 9)).toBe(0);
  });
});

describe('keyframe detection', () => {
  it('takes the first packet of a VP8 keyframe, not a delta frame or a later packet', () => {
    expect(startsKeyframe('VP8', vp8(true, true))).toBe(true);
    expect(startsKeyframe('VP8', vp8(true, false))).toBe(false);
    expect(startsKeyframe('VP8', vp8(false, true))).toBe(false);
  });

  it('skips the VP8 descriptor extension (picture id, TL0PICIDX, TID) as Chromium sends it', () => {
    const packet = Buffer.alloc(12 + 6);
    packet[0] = 0x80;
    // X and S set; I, L, T set; a 15-bit picture id; TL0PICIDX; TID; then the payload header.
    Buffer.from([0x90, 0xe0, 0x80 | 0x12, 0x34, 0x05, 0x20]).copy(packet, 12);
    const keyframe = Buffer.concat([packet, Buffer.from([0x00])]);
    const delta = Buffer.concat([packet, Buffer.from([0x01])]);
    expect(startsKeyframe('VP8', keyframe)).toBe(true);
    expect(startsKeyframe('VP8', delta)).toBe(false);
  });

  it('takes an H.264 IDR or SPS, alone, aggregated or as the first fragment', () => {
    const withPayload = (...bytes: number[]) =>
      Buffer.concat([Buffer.from([0x80, 102, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1]), Buffer.from(bytes)]);
    expect(startsKeyframe('H264', withPayload(0x65, 0x88))).toBe(true);
    expect(startsKeyframe('H264', withPayload(0x41, 0x9a))).toBe(false);
    // STAP-A: an SPS of 2 bytes, then a PPS.
    expect(startsKeyframe('H264', withPayload(0x78, 0, 2, 0x67, 0x42, 0, 1, 0x68))).toBe(true);
    // FU-A of an IDR: the start fragment only.
    expect(startsKeyframe('H264', withPayload(0x7c, 0x85, 0x00))).toBe(true);
    expect(startsKeyframe('H264', withPayload(0x7c, 0x05, 0x00))).toBe(false);
  });
});
