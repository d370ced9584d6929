/**
 * What the SFU reads from an SDP offer, and what it changes in libdatachannel's answers. The
 * answer itself is libdatachannel's, built from the tracks the SFU adds for the offer's
 * m-lines; only the lines below are touched.
 */

export type MediaDirection = 'sendrecv' | 'sendonly' | 'recvonly' | 'inactive';

export type OfferedCodec = {
  readonly payloadType: number;
  /** As in the rtpmap line, e.g. `VP8`, `H264`, `opus`. */
  readonly name: string;
  readonly clockRate: number;
  /** The format parameters (`a=fmtp`), or null if none. */
  readonly parameters: string | null;
};

export type OfferedMedia = {
  /** `audio`, `video`, `application`... */
  readonly kind: string;
  readonly mid: string;
  /** The offerer's direction; a disabled m-line (port 0) counts as inactive. */
  readonly direction: MediaDirection;
  /** In the offerer's order of preference. */
  readonly codecs: readonly OfferedCodec[];
};

/** An offer the SFU cannot answer; the message says what is wrong with it. */
export class InvalidOfferError extends Error {
  override readonly name = 'InvalidOfferError';
}

const DIRECTIONS: readonly string[] = ['sendrecv', 'sendonly', 'recvonly', 'inactive'];

/**
 * The m-lines of an offer. Throws `InvalidOfferError` for text that is not an SDP offer the
 * SFU can connect to: no media, no ICE credentials or fingerprint, or an m-line without a
 * mid. An offer without candidates is fine: see `withoutCandidates`.
 */
export function parseOffer(sdp: string): OfferedMedia[] {
  if (!sdp.startsWith('v=0'))
    throw new InvalidOfferError('not an SDP offer: it does not start with v=0');
  const lines = sdp.split(/\r?\n/);
  if (!lines.some((line) => line.startsWith('a=ice-ufrag:')))
    throw new InvalidOfferError('the offer has no ICE credentials (a=ice-ufrag)');
  if (!lines.some((line) => line.startsWith('a=fingerprint:')))
    throw new InvalidOfferError('the offer has no DTLS fingerprint (a=fingerprint)');
  const sections: string[][] = [];
  for (const line of lines) {
    if (line.startsWith('m=')) sections.push([line]);
    else if (line.length > 0) sections.at(-1)?.push(line);
  }
  if (sections.length === 0) throw new InvalidOfferError('the offer has no media (m=) line');
  return sections.map((section, index) => parseMediaSection(section, index));
}

function parseMediaSection(section: string[], index: number): OfferedMedia {
  const [mLine = '', ...attributes] = section;
  const [kind = '', port = '', , ...formats] = mLine.slice(2).split(' ');
  const mid = valueOf(attributes, 'a=mid:');
  if (mid === undefined)
    throw new InvalidOfferError(`m-line ${index + 1} of the offer has no a=mid`);
  const direction = attributes.find((line) => DIRECTIONS.includes(line.slice(2))) ?? 'a=sendrecv';
  const disabled = port === '0' && !attributes.includes('a=bundle-only');
  const codecs: OfferedCodec[] = [];
  for (const format of formats) {
    const rtpmap = valueOf(attributes, `a=rtpmap:${format} `);
    if (rtpmap === undefined) continue;
    const [name = '', clockRate = '0'] = rtpmap.split('/');
    codecs.push({
      payloadType: Number(format),
      name,
      clockRate: Number(clockRate),
      parameters: valueOf(attributes, `a=fmtp:${format} `) ?? null,
    });
  }
  return {
    kind,
    mid,
    direction: disabled ? 'inactive' : (direction.slice(2) as MediaDirection),
    codecs,
  };
}

function valueOf(attributes: readonly string[], prefix: string): string | undefined {
  return attributes
    .find((line) => line.startsWith(prefix))
    ?.slice(prefix.length)
    .trim();
}

/**
 * An offer without its ICE candidates, for the SFU to answer: it then waits for the offerer's
 * checks to its own candidates (learning the offerer's address from them, as from behind a
 * NAT) instead of checking the offerer's addresses first. Checks that reach a libjuice
 * offerer (OBS, node-datachannel) before it has the answer made about 1 connection in 200
 * fail and 1 in 3 lose a second to a DTLS retransmission; without them, none did in 600.
 * Browsers lose nothing by it: they check the SFU's candidates anyway, and Chromium hides its
 * own behind mDNS names the SFU cannot resolve unless the page has camera permission.
 */
export function withoutCandidates(offer: string): string {
  const eol = offer.includes('\r\n') ? '\r\n' : '\n';
  return offer
    .split(eol)
    .filter((line) => !line.startsWith('a=candidate:') && line !== 'a=end-of-candidates')
    .join(eol);
}

/** Whether the offerer sends on this m-line (a publisher's media). */
export function offersToSend(media: OfferedMedia): boolean {
  return media.direction === 'sendonly' || media.direction === 'sendrecv';
}

/** Whether the offerer receives on this m-line (a viewer's media). */
export function offersToReceive(media: OfferedMedia): boolean {
  return media.direction === 'recvonly' || media.direction === 'sendrecv';
}

/** The offer's Opus format, if it has one. */
export function opusOf(media: OfferedMedia): OfferedCodec | undefined {
  return media.codecs.find((codec) => codec.name.toLowerCase() === 'opus');
}

/** The offer's VP8 format, if it has one. */
export function vp8Of(media: OfferedMedia): OfferedCodec | undefined {
  return media.codecs.find((codec) => codec.name.toUpperCase() === 'VP8');
}

/**
 * The offer's H.264 format the SFU can forward: packetization mode 1 (what browsers and OBS
 * send), constrained baseline (42e0..) first as every browser decodes it, then baseline.
 */
export function h264Of(media: OfferedMedia): OfferedCodec | undefined {
  const usable = media.codecs.filter(
    (codec) =>
      codec.name.toUpperCase() === 'H264' &&
      /(^|;)\s*packetization-mode=1/.test(codec.parameters ?? ''),
  );
  const profile = (codec: OfferedCodec) =>
    /profile-level-id=([0-9a-f]{4})/i.exec(codec.parameters ?? '')?.[1]?.toLowerCase();
  return (
    usable.find((codec) => profile(codec) === '42e0') ??
    usable.find((codec) => profile(codec) === '4200') ??
    usable[0]
  );
}

/**
 * Removes transport-wide congestion control from an answer: libdatachannel echoes the offer's
 * `transport-cc` feedback and `transport-wide-cc` header extension but never sends the
 * feedback, and Chromium's bandwidth estimate then stalls (its picture stayed at 320 px).
 * Without them Chromium falls back to REMB and receiver reports, which libdatachannel sends.
 */
export function withoutTransportCc(answer: string): string {
  const eol = answer.includes('\r\n') ? '\r\n' : '\n';
  return answer
    .split(eol)
    .filter(
      (line) =>
        !/^a=rtcp-fb:\S+ transport-cc\b/.test(line) &&
        !(line.startsWith('a=extmap:') && line.includes('transport-wide-cc')),
    )
    .join(eol);
}

/**
 * Whether every m-line the answer sends on names its stream (`a=msid`) and its SSRC
 * (`a=ssrc`): without them Chromium, which gets no MID header extension from the SFU, cannot
 * tell which track a packet belongs to and decodes nothing.
 */
export function namesEverySentStream(answer: string): boolean {
  const sections = answer.split(/\r?\nm=/).slice(1);
  return sections
    .filter((section) => /\r?\na=(sendonly|sendrecv)\b/.test(section))
    .every((section) => /\na=msid:/.test(section) && /\na=ssrc:\d+ /.test(section));
}
