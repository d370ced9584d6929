import { createSocket, type RemoteInfo, type Socket } from 'node:dgram';

/**
 * A UDP relay between a viewer and the SFU that loses the packets it is told to, for tests
 * of retransmission: a packet dropped by the viewer after it arrived would not do, as SRTP's
 * replay protection then refuses the resent copy, just as it should.
 *
 * The answer is rewritten to name the relay as the SFU's only candidate: the viewer's checks
 * reach the SFU through the relay (the SFU does not check the offer's candidates, see
 * `withoutCandidates`), the SFU answers the relay's address, and every packet after passes
 * it. RTP headers travel in the
 * clear under SRTP, so `drop` can choose by SSRC and sequence number.
 */
export class LossyRelay {
  private readonly socket: Socket;
  private readonly sfuPort: number;
  private viewer: RemoteInfo | undefined;

  private constructor(socket: Socket, sfuPort: number, drop: (packet: Buffer) => boolean) {
    this.socket = socket;
    this.sfuPort = sfuPort;
    socket.on('message', (packet, from) => {
      if (from.port === this.sfuPort) {
        if (this.viewer && !drop(packet))
          socket.send(packet, this.viewer.port, this.viewer.address);
      } else {
        this.viewer = from;
        socket.send(packet, this.sfuPort, '127.0.0.1');
      }
    });
  }

  /** A relay to the SFU that gave `answer`, losing the SFU's packets that `drop` picks. */
  static async start(answer: string, drop: (packet: Buffer) => boolean): Promise<LossyRelay> {
    const port = /\na=candidate:\S+ 1 UDP \d+ \S+ (\d+) typ host/i.exec(answer)?.[1];
    if (!port) throw new Error('the answer has no host candidate to relay to');
    const socket = createSocket('udp4');
    await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
    return new LossyRelay(socket, Number(port), drop);
  }

  /** The answer with the relay as the SFU's one candidate. */
  rewrite(answer: string): string {
    const eol = answer.includes('\r\n') ? '\r\n' : '\n';
    const lines = answer.split(eol).filter((line) => !line.startsWith('a=candidate:'));
    const after = lines.findIndex((line) => line.startsWith('a=ice-pwd:'));
    const relay = `a=candidate:1 1 UDP 2130706431 127.0.0.1 ${this.socket.address().port} typ host`;
    lines.splice(after + 1, 0, relay);
    return lines.join(eol);
  }

  close(): void {
    this.socket.close();
  }
}

/** An SRTP packet's SSRC and sequence number (in the clear), or null for anything else. */
export function srtpHeader(packet: Buffer): { ssrc: number; sequence: number } | null {
  const first = packet[0] ?? 0;
  const type = packet[1] ?? 0;
  if (first < 128 || first > 191 || (type >= 192 && type <= 223) || packet.length < 12) return null;
  return { ssrc: packet.readUInt32BE(8), sequence: packet.readUInt16BE(2) };
}
