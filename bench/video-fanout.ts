// One point's video forwarded to forty viewers through the SFU in its child process: the
// child's CPU and memory, the latency the hop adds, and the share of packets delivered.
// Run: pnpm bench:video [runs] [seconds] [viewers]
// The publisher and the viewers are node-datachannel peers in this process; the publisher
// sends synthetic RTP, each packet stamped with its send time, which the viewers compare with
// their arrival time (one clock: one machine).
import { startSfu } from '@hopxa/sfu';
import { PeerScene } from '../packages/sfu/src/testing/peer-scene.ts';
import { stampClock } from '../packages/sfu/src/testing/synthetic-media.ts';
import { cpuSecondsOf, median, percentile, rssOf } from './process-figures.ts';

const runs = Number(process.argv[2] ?? 3);
const seconds = Number(process.argv[3] ?? 20);
const viewers = Number(process.argv[4] ?? 40);

// 1.5 Mbit/s of video: 30 frames a second of 5 packets with 1,250 bytes of payload each, and
// a 60-byte sound packet a frame.
const FPS = 30;
const PACKETS_PER_FRAME = 5;
const PAYLOAD_BYTES = 1250;
const WARM_UP_MS = 3000;

type RunResult = {
  readonly cores: number;
  readonly rssMb: number;
  readonly p50: number;
  readonly p99: number;
  readonly delivered: number;
  readonly benchCores: number;
};

async function run(): Promise<RunResult> {
  const router = await startSfu();
  const scene = new PeerScene(router, 'bench');
  try {
    const pid = router.pid;
    if (pid === null) throw new Error('the SFU has no process');
    const { peer: publisher } = await scene.publisher('hall');
    publisher.startSending({
      fps: FPS,
      packetsPerFrame: PACKETS_PER_FRAME,
      payloadBytes: PAYLOAD_BYTES,
    });
    let windowStart = Number.POSITIVE_INFINITY;
    let windowEnd = Number.POSITIVE_INFINITY;
    const latencies: number[] = [];
    let received = 0;
    const connected = await Promise.all(
      Array.from({ length: viewers }, () =>
        scene.viewer({ kind: 'point', pointId: 'hall' }, { countOnly: true }),
      ),
    );
    for (const { peer } of connected)
      peer.onVideo = (packet) => {
        const sentAt = packet.stamp?.sentAt ?? 0;
        if (sentAt < windowStart || sentAt >= windowEnd) return;
        received += 1;
        latencies.push(packet.arrivedAt - sentAt);
      };
    await new Promise((resolve) => setTimeout(resolve, WARM_UP_MS));

    const sentBefore = publisher.video[0]?.sequence ?? 0;
    const cpuBefore = cpuSecondsOf(pid);
    const benchBefore = process.cpuUsage();
    windowStart = stampClock();
    await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
    windowEnd = stampClock();
    const sent = ((publisher.video[0]?.sequence ?? 0) - sentBefore) & 0xffff;
    const cores = (cpuSecondsOf(pid) - cpuBefore) / seconds;
    const bench = process.cpuUsage(benchBefore);
    const rssMb = rssOf(pid);
    // Stragglers of the window's last packets.
    await new Promise((resolve) => setTimeout(resolve, 500));
    return {
      cores,
      rssMb,
      p50: percentile(latencies, 50),
      p99: percentile(latencies, 99),
      delivered: received / (sent * viewers),
      benchCores: (bench.user + bench.system) / 1e6 / seconds,
    };
  } finally {
    scene.close();
    await router.stop();
  }
}

const results: RunResult[] = [];
for (let index = 0; index < runs; index += 1) {
  const result = await run();
  results.push(result);
  console.log(
    `run ${index + 1}: SFU ${result.cores.toFixed(3)} cores, ${result.rssMb.toFixed(0)} MB, ` +
      `latency p50 ${result.p50.toFixed(2)} ms p99 ${result.p99.toFixed(2)} ms, ` +
      `delivered ${(result.delivered * 100).toFixed(2)}%, this process ${result.benchCores.toFixed(2)} cores`,
  );
}

const pick = (figure: (result: RunResult) => number) => median(results.map(figure));
console.log(
  `\n1 publisher (1.5 Mbit/s video, ${FPS} fps, ${PACKETS_PER_FRAME} x ${PAYLOAD_BYTES}-byte packets a frame, and sound) x ${viewers} viewers, ${runs} runs of ${seconds} s, medians:\n`,
);
console.log('| figure | measured | target |');
console.log('| --- | ---: | ---: |');
console.log(`| SFU process CPU | ${pick((r) => r.cores).toFixed(3)} cores | 0.25 |`);
console.log(`| SFU process memory (RSS) | ${pick((r) => r.rssMb).toFixed(0)} MB | |`);
console.log(`| added latency p50 | ${pick((r) => r.p50).toFixed(2)} ms | |`);
console.log(`| added latency p99 | ${pick((r) => r.p99).toFixed(2)} ms | 20 ms |`);
console.log(`| video packets delivered | ${(pick((r) => r.delivered) * 100).toFixed(2)}% | 100% |`);
console.log(
  `| CPU of this process (the 41 peers) | ${pick((r) => r.benchCores).toFixed(2)} cores | |`,
);
process.exit(0);
