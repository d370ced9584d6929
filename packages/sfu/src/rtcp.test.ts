import { describe, expect, it } from 'vitest';
import { readViewerFeedback } from './rtcp.ts';
import { fullIntraRequest, genericNack, pictureLossIndication } from './testing/rtcp-packets.ts';

/** A receiver report with no report blocks, as Chromium puts first in a compound packet. */
const receiverReport = Buffer.from([0x80, 201, 0, 1, 0, 0, 0, 9]);

describe('viewer feedback', () => {
  it('lists every sequence a NACK names, through its bitmask and across the wrap', () => {
    const nack = genericNack(9, 1234, [65534, 65535, 0, 3, 40]);
    const { lost, keyframeWanted } = readViewerFeedback(nack, 1234);
    expect(lost.sort((a, b) => a - b)).toEqual([0, 3, 40, 65534, 65535]);
    expect(keyframeWanted).toBe(false);
  });

  it('reads PLI and FIR inside a compound packet, for this stream only', () => {
    const compound = Buffer.concat([receiverReport, pictureLossIndication(9, 1234)]);
    expect(readViewerFeedback(compound, 1234).keyframeWanted).toBe(true);
    expect(readViewerFeedback(compound, 999).keyframeWanted).toBe(false);
    expect(readViewerFeedback(fullIntraRequest(9, 1234, 1), 1234).keyframeWanted).toBe(true);
    expect(readViewerFeedback(fullIntraRequest(9, 1234, 1), 999).keyframeWanted).toBe(false);
  });

  it('ignores a NACK about another stream and stops at a malformed length', () => {
    expect(readViewerFeedback(genericNack(9, 1, [5]), 1234).lost).toEqual([]);
    const broken = Buffer.concat([genericNack(9, 1234, [5]), Buffer.from([0x81, 205, 0, 40])]);
    expect(readViewerFeedback(broken, 1234).lost).toEqual([5]);
    expect(readViewerFeedback(Buffer.alloc(3), 1234)).toEqual({ lost: [], keyframeWanted: false });
  });
});
