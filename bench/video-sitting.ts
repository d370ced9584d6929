// A sitting of 40 connection points through the SFU in its child process: the child's CPU and
// memory, the latency of the hop, and the share of packets delivered, under a whole
// sitting's load.
// Run: pnpm bench:video-sitting [runs] [seconds]
//      pnpm bench:video-sitting --hold <seconds> [--idle-peers] [--sfu-priority <idle|0-19>]
// --hold: the load alone until SIGTERM or the time is up, for another benchmark to run beside
// it; --idle-peers: the peers (this process) in the idle CPU class, as near as one machine
// comes to their being the points' browsers elsewhere, to see what the SFU alone takes from
// others; --sfu-priority: the SFU's (0 unless given; the meeting server's VIDEO_PRIORITY is
// idle by default).
// Every point publishes two qualities and sound; the hall, one of them, is the program and
// sends 720p; every point watches the program, the hall's display shows 16 points' low
// pictures, and 50 followers each watch a point. Some viewers ask for keyframes and
// retransmissions as a browser does. The peers are node-datachannel peers in this process,
// sending synthetic RTP stamped with its send time (one clock: one machine).
import { loadavg } from 'node:os';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { startSfu, type SfuRouter } from '@hopxa/sfu';
import { lowerProcessPriority, type CpuPriority } from '../packages/sfu/src/process-priority.ts';
import { PeerScene, point, videoSsrcOf } from '../packages/sfu/src/testing/peer-scene.ts';
import { stampClock } from '../packages/sfu/src/testing/synthetic-media.ts';
import type {
  FrameShape,
  ReceivedPacket,
  TestPublisher,
  TestViewer,
} from '../packages/sfu/src/testing/test-peers.ts';
import { cpuSecondsOf, cpuWaitOf, median, percentile, rssOf } from './process-figures.ts';

const hold = process.argv[2] === '--hold';
const holdSeconds = Number(process.argv[3] ?? 600);
const idlePeers = hold && process.argv.includes('--idle-peers');
const sfuPriorityAt = process.argv.indexOf('--sfu-priority');
const sfuPriorityArgument = process.argv[sfuPriorityAt + 1];
const sfuPriority: CpuPriority =
  hold && sfuPriorityAt > 0
    ? sfuPriorityArgument === 'idle'
      ? 'idle'
      : Number(sfuPriorityArgument)
    : 0;
const runs = hold ? 1 : Number(process.argv[2] ?? 3);
const seconds = Number(process.argv[3] ?? 20);

const POINTS = 40;
/** The hall: the program, the point whose picture every other point shows. */
const HALL = 'point-00';
const GRID_TILES = 16;
const FOLLOWERS = 50;
/**
 * One viewer in this many is on a poor link: it loses one video packet in `LOSS_ONE_IN` on
 * the way (a relay drops it the first time it comes), and reports a lost picture every
 * `PLI_EVERY_MS`. Every viewer asks again (a NACK) for what did not come, as a browser does.
 */
const POOR_LINK_EVERY = 10;
const LOSS_ONE_IN = 500;
const PLI_EVERY_MS = 4000;
/** The most sequence numbers one NACK asks for: a longer gap is a lost cause. */
const NACK_AT_MOST = 16;

// A point's two qualities, the high one 360p-like (690 kbit/s of payload) and the low one
// 180p-like (144 kbit/s); the hall's high one 720p-like (2.48 Mbit/s); sound for all, a 60-byte
// Opus packet every 20 ms (24 kbit/s).
const HIGH: FrameShape = { fps: 25, packetsPerFrame: 3, payloadBytes: 1150 };
const PROGRAM_HIGH: FrameShape = { fps: 30, packetsPerFrame: 9, payloadBytes: 1150 };
const LOW: FrameShape = { fps: 15, packetsPerFrame: 1, payloadBytes: 1200 };
const SOUND_PACKETS_PER_SECOND = 50;
const CONNECT_AT_ONCE = 10;
const WARM_UP_MS = 5000;

/** A point's two video tracks: high, then low. */
const shapesOf = (id: string): readonly FrameShape[] => [id === HALL ? PROGRAM_HIGH : HIGH, LOW];
const pointId = (index: number) => `point-${String(index).padStart(2, '0')}`;
const bitsOf = (shape: FrameShape) =>
  (shape.fps ?? 30) * (shape.packetsPerFrame ?? 1) * (shape.payloadBytes ?? 200) * 8;

type ViewerKind = 'program' | 'grid' | 'follower';

/** A viewer and what it should receive: the video track `track` (0 high, 1 low) of `source`. */
type Watcher = {
  readonly peer: TestViewer;
  readonly kind: ViewerKind;
  readonly source: TestPublisher;
  readonly track: number;
  readonly videoSsrc: number;
  /** The highest sequence number received, and those asked for again and not yet come. */
  highest: number | null;
  readonly awaited: Set<number>;
  /** In the window: packets received (the first time, or resent after a NACK), resent. */
  received: number;
  recovered: number;
  wrongSource: number;
};

type Sitting = {
  readonly scene: PeerScene;
  readonly publishers: ReadonlyMap<string, TestPublisher>;
  readonly watchers: readonly Watcher[];
  readonly latencies: Record<ViewerKind, number[]>;
  /** How long the resent packets took from their first sending. */
  readonly recoveries: number[];
  readonly feedback: { plis: number; nacks: number };
  readonly timers: NodeJS.Timeout[];
  window: { start: number; end: number };
};

/** Runs `work` over `items`, `atOnce` at a time. */
async function inBatches<T, R>(
  items: readonly T[],
  atOnce: number,
  work: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results: R[] = [];
  for (let start = 0; start < items.length; start += atOnce)
    results.push(
      ...(await Promise.all(
        items.slice(start, start + atOnce).map((item, offset) => work(item, start + offset)),
      )),
    );
  return results;
}

/** Every point publishing, every viewer watching, the feedback going; nothing counted yet. */
async function startSitting(router: SfuRouter): Promise<Sitting> {
  const scene = new PeerScene(router, 'sitting');
  await router.setProgram(scene.meetingId, HALL);
  const points = Array.from({ length: POINTS }, (_, index) => pointId(index));
  const publishers = new Map<string, TestPublisher>();
  await inBatches(points, CONNECT_AT_ONCE, async (id) => {
    const { peer } = await scene.publisher(id, { videoTracks: 2 });
    peer.startSending({
      fps: SOUND_PACKETS_PER_SECOND,
      tracks: shapesOf(id),
    });
    publishers.set(id, peer);
  });

  const others = points.filter((id) => id !== HALL);
  const plans: { kind: ViewerKind; sourcePoint: string; viewerPointId: string | null }[] = [
    ...points.map((id) => ({ kind: 'program' as const, sourcePoint: HALL, viewerPointId: id })),
    ...others.slice(0, GRID_TILES).map((id) => ({
      kind: 'grid' as const,
      sourcePoint: id,
      viewerPointId: HALL,
    })),
    ...Array.from({ length: FOLLOWERS }, (_, index) => ({
      kind: 'follower' as const,
      sourcePoint: others[index % others.length] ?? HALL,
      viewerPointId: null,
    })),
  ];
  const sitting: Sitting = {
    scene,
    publishers,
    watchers: [],
    latencies: { program: [], grid: [], follower: [] },
    recoveries: [],
    feedback: { plis: 0, nacks: 0 },
    timers: [],
    window: { start: Number.POSITIVE_INFINITY, end: Number.POSITIVE_INFINITY },
  };
  const watchers = await inBatches(plans, CONNECT_AT_ONCE, async (plan, index) => {
    const track = plan.kind === 'grid' ? 1 : 0;
    const poorLink = index % POOR_LINK_EVERY === 0;
    // The relay loses a packet only the first time it comes, not its resending.
    const dropped = new Set<number>();
    const loseVideo = (sequence: number) => {
      if (dropped.delete(sequence) || Math.random() * LOSS_ONE_IN >= 1) return false;
      dropped.add(sequence);
      return true;
    };
    const { peer, answer } = await scene.viewer(
      plan.kind === 'program' ? { kind: 'program' } : point(plan.sourcePoint),
      {
        quality: track === 1 ? 'low' : 'high',
        viewerPointId: plan.viewerPointId,
        countOnly: true,
        ...(poorLink && { loseVideo }),
      },
    );
    const source = publishers.get(plan.sourcePoint);
    if (!source) throw new Error(`no publisher at ${plan.sourcePoint}`);
    const watcher: Watcher = {
      peer,
      kind: plan.kind,
      source,
      track,
      videoSsrc: videoSsrcOf(answer),
      highest: null,
      awaited: new Set(),
      received: 0,
      recovered: 0,
      wrongSource: 0,
    };
    peer.onVideo = (packet) => receive(sitting, watcher, packet);
    if (poorLink) reportLostPictures(sitting, watcher);
    return watcher;
  });
  (sitting.watchers as Watcher[]).push(...watchers);
  return sitting;
}

/**
 * One video packet at a viewer. A gap in the sequence numbers is asked for again at once (a
 * NACK); a packet behind the highest is such a resending, counted as delivered (and not in
 * the latency: its time is the loss's). What came from another source than the viewer's is
 * counted apart.
 */
function receive(sitting: Sitting, watcher: Watcher, packet: ReceivedPacket): void {
  const ahead = watcher.highest === null ? 1 : (packet.sequence - watcher.highest) & 0xffff;
  const resent = ahead === 0 || ahead >= 0x8000;
  if (resent && !watcher.awaited.delete(packet.sequence)) return; // a duplicate
  if (!resent) {
    if (ahead > 1 && watcher.highest !== null) {
      const missing = Array.from(
        { length: Math.min(ahead - 1, NACK_AT_MOST) },
        (_, offset) => ((watcher.highest ?? 0) + 1 + offset) & 0xffff,
      );
      for (const sequence of missing) watcher.awaited.add(sequence);
      ask(() => watcher.peer.sendNack(watcher.videoSsrc, missing));
      sitting.feedback.nacks += 1;
    }
    watcher.highest = packet.sequence;
  }
  const sentAt = packet.stamp?.sentAt ?? 0;
  if (sentAt < sitting.window.start || sentAt >= sitting.window.end) return;
  if (packet.stamp?.tag !== watcher.source.tag || packet.stamp.track !== watcher.track) {
    watcher.wrongSource += 1;
    return;
  }
  watcher.received += 1;
  if (resent) {
    watcher.recovered += 1;
    sitting.recoveries.push(packet.arrivedAt - sentAt);
  } else sitting.latencies[watcher.kind].push(packet.arrivedAt - sentAt);
}

/** A viewer on a poor link reports a lost picture every few seconds, each on its own phase. */
function reportLostPictures(sitting: Sitting, watcher: Watcher): void {
  const pli = () => {
    ask(() => watcher.peer.sendPli(watcher.videoSsrc));
    sitting.feedback.plis += 1;
  };
  sitting.timers.push(
    setTimeout(() => {
      pli();
      sitting.timers.push(setInterval(pli, PLI_EVERY_MS));
    }, Math.random() * PLI_EVERY_MS),
  );
}

/**
 * Sends feedback unless the viewer's track has closed. Never throws: an exception out of a
 * node-datachannel callback (where `receive` runs) aborts the process.
 */
function ask(send: () => void): void {
  try {
    send();
  } catch {
    // The viewer is closing (the sitting ends).
  }
}

function stopSitting(sitting: Sitting): void {
  for (const timer of sitting.timers.splice(0)) clearInterval(timer);
  sitting.scene.close();
}

/**
 * How many packets each publisher's tracks have sent so far (video tracks by index, then
 * sound): frames times the packets of a frame, which unlike sequence numbers do not wrap.
 */
function sentSoFar(sitting: Sitting): Map<TestPublisher, number[]> {
  return new Map(
    [...sitting.publishers].map(([id, publisher]) => [
      publisher,
      [
        ...publisher.video.map(
          (stream, track) => stream.frames * (shapesOf(id)[track]?.packetsPerFrame ?? 1),
        ),
        publisher.audio?.frames ?? 0,
      ],
    ]),
  );
}

export type Measured = {
  readonly cores: number;
  readonly rssMb: number;
  readonly p50: number;
  readonly p99: number;
  readonly p99ByKind: Record<ViewerKind, number>;
  /** Share of the window's video packets at their viewers, and of those the first time. */
  readonly delivered: number;
  readonly firstTime: number;
  readonly wrongSource: number;
  readonly benchCores: number;
  /**
   * How long the SFU's threads and this process's waited for a CPU while ready to run, in
   * seconds per second, and the machine's load average (1 minute) at the end: the noise.
   */
  readonly sfuWait: number;
  readonly benchWait: number;
  readonly loadAverage: number;
  /**
   * How busy this process's event loop was (0 to 1: near 1, the peers' JavaScript is what
   * holds the packets back) and how late it ran, p99: the viewers' share of the latency.
   */
  readonly benchLoopBusy: number;
  readonly benchLoopP99: number;
  /** Packets a second into the SFU (video and sound) and video packets a second out of it. */
  readonly packetsIn: number;
  readonly videoOut: number;
  readonly plis: number;
  readonly nacks: number;
  readonly recovered: number;
  /** From a resent packet's first sending to its arrival, median. */
  readonly recoveryP50: number;
  readonly keyframes: number;
  /**
   * Where the window's missing packets went missing: those that no viewer of their track got,
   * of a track several watch (lost before the SFU forwarded them), and the rest (lost after,
   * or on a track with one viewer, where it cannot be told); and the highest
   * loss into the SFU from one point over two seconds that its stats told.
   */
  readonly missingEverywhere: number;
  readonly missingSomewhere: number;
  readonly inboundLossMax: number;
};

/**
 * Counts from now for `windowMs` (or until `stop` settles, if sooner) and says what the
 * window saw. Starts and ends in one turn of the event loop each, between two sends, so the
 * packets sent in the window are exactly those stamped within it.
 */
async function measure(
  sitting: Sitting,
  router: SfuRouter,
  pid: number,
  windowMs: number,
  stop: Promise<void> = new Promise(() => {}),
): Promise<Measured> {
  for (const watcher of sitting.watchers) {
    watcher.received = 0;
    watcher.recovered = 0;
    watcher.wrongSource = 0;
  }
  for (const latencies of Object.values(sitting.latencies)) latencies.length = 0;
  sitting.recoveries.length = 0;
  const feedbackBefore = { ...sitting.feedback };
  const keyframesBefore = keyframeRequests(sitting);
  const sentBefore = sentSoFar(sitting);
  const cpuBefore = cpuSecondsOf(pid);
  const benchBefore = process.cpuUsage();
  const waitBefore = { sfu: cpuWaitOf(pid), bench: cpuWaitOf(process.pid) };
  const loopBefore = performance.eventLoopUtilization();
  const loopDelay = monitorEventLoopDelay({ resolution: 10 });
  loopDelay.enable();
  sitting.window = { start: stampClock(), end: Number.POSITIVE_INFINITY };
  let inboundLossMax = 0;
  const polling = setInterval(() => {
    void router.stats(sitting.scene.meetingId).then((points) => {
      for (const { loss } of points) inboundLossMax = Math.max(inboundLossMax, loss);
    });
  }, 1000);
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([stop, new Promise((resolve) => (timer = setTimeout(resolve, windowMs)))]);
  clearTimeout(timer);
  clearInterval(polling);
  const end = stampClock();
  sitting.window = { ...sitting.window, end };
  const sentAfter = sentSoFar(sitting);
  const elapsed = (end - sitting.window.start) / 1000;
  const cores = (cpuSecondsOf(pid) - cpuBefore) / elapsed;
  const sfuWait = (cpuWaitOf(pid) - waitBefore.sfu) / elapsed;
  const benchWait = (cpuWaitOf(process.pid) - waitBefore.bench) / elapsed;
  const bench = process.cpuUsage(benchBefore);
  loopDelay.disable();
  const loopBusyAtEnd = performance.eventLoopUtilization();
  const rssMb = rssOf(pid);
  // Stragglers of the window's last packets.
  await new Promise((resolve) => setTimeout(resolve, 500));

  const sent = (publisher: TestPublisher, track: number) =>
    (sentAfter.get(publisher)?.[track] ?? 0) - (sentBefore.get(publisher)?.[track] ?? 0);
  let expected = 0;
  for (const watcher of sitting.watchers) expected += sent(watcher.source, watcher.track);
  let packetsIn = 0;
  for (const [publisher, streams] of sentAfter)
    for (const track of streams.keys()) packetsIn += sent(publisher, track);
  // Missing at every viewer of a track that several watch: lost before the SFU forwarded it.
  const fewestMissing = new Map<string, { fewest: number; viewers: number }>();
  let missing = 0;
  for (const watcher of sitting.watchers) {
    const key = `${watcher.source.tag}/${watcher.track}`;
    const lost = sent(watcher.source, watcher.track) - watcher.received;
    missing += lost;
    const known = fewestMissing.get(key);
    fewestMissing.set(key, {
      fewest: Math.min(known?.fewest ?? lost, lost),
      viewers: (known?.viewers ?? 0) + 1,
    });
  }
  let missingEverywhere = 0;
  for (const { fewest, viewers } of fewestMissing.values())
    if (viewers > 1) missingEverywhere += fewest * viewers;
  const all = Object.values(sitting.latencies).flat();
  const sum = (pick: (watcher: Watcher) => number) =>
    sitting.watchers.reduce((total, watcher) => total + pick(watcher), 0);
  return {
    cores,
    rssMb,
    p50: percentile(all, 50),
    p99: percentile(all, 99),
    p99ByKind: {
      program: percentile(sitting.latencies.program, 99),
      grid: percentile(sitting.latencies.grid, 99),
      follower: percentile(sitting.latencies.follower, 99),
    },
    delivered: sum((watcher) => watcher.received) / expected,
    firstTime: sum((watcher) => watcher.received - watcher.recovered) / expected,
    wrongSource: sum((watcher) => watcher.wrongSource),
    benchCores: (bench.user + bench.system) / 1e6 / elapsed,
    benchLoopBusy: performance.eventLoopUtilization(loopBusyAtEnd, loopBefore).utilization,
    benchLoopP99: loopDelay.percentile(99) / 1e6,
    sfuWait,
    benchWait,
    loadAverage: loadavg()[0] ?? 0,
    packetsIn: packetsIn / elapsed,
    videoOut: expected / elapsed,
    plis: sitting.feedback.plis - feedbackBefore.plis,
    nacks: sitting.feedback.nacks - feedbackBefore.nacks,
    recovered: sum((watcher) => watcher.recovered),
    recoveryP50: percentile(sitting.recoveries, 50),
    keyframes: keyframeRequests(sitting) - keyframesBefore,
    missingEverywhere,
    missingSomewhere: missing - missingEverywhere,
    inboundLossMax,
  };
}

/** Keyframe requests the SFU has sent the publishers so far, all tracks. */
function keyframeRequests(sitting: Sitting): number {
  let requests = 0;
  for (const publisher of sitting.publishers.values())
    for (const track of publisher.video.keys()) requests += publisher.keyframeRequests(track);
  return requests;
}

async function run(
  windowMs: number,
  stop?: Promise<void>,
  onHolding?: (pid: number) => void,
): Promise<Measured> {
  const router = await startSfu({ priority: sfuPriority });
  // This process in the idle class; the SFU's, forked before, keeps its own.
  if (idlePeers && lowerProcessPriority(process.pid, 'idle') !== 'idle')
    throw new Error("the peers could not be put in the idle class (is util-linux's chrt there?)");
  let sitting: Sitting | undefined;
  try {
    const pid = router.pid;
    if (pid === null) throw new Error('the SFU has no process');
    sitting = await startSitting(router);
    await new Promise((resolve) => setTimeout(resolve, WARM_UP_MS));
    onHolding?.(pid);
    return await measure(sitting, router, pid, windowMs, stop);
  } finally {
    if (sitting) stopSitting(sitting);
    await router.stop();
  }
}

const describeRun = (result: Measured) =>
  `SFU ${result.cores.toFixed(3)} cores, ${result.rssMb.toFixed(0)} MB, ` +
  `latency p50 ${result.p50.toFixed(2)} ms p99 ${result.p99.toFixed(2)} ms ` +
  `(program ${result.p99ByKind.program.toFixed(2)}, grid ${result.p99ByKind.grid.toFixed(2)}, ` +
  `followers ${result.p99ByKind.follower.toFixed(2)}), ` +
  `delivered ${(result.delivered * 100).toFixed(3)}% (${(result.firstTime * 100).toFixed(3)}% the first time), this process ${result.benchCores.toFixed(2)} cores ` +
  `(event loop ${(result.benchLoopBusy * 100).toFixed(0)}% busy, late by ${result.benchLoopP99.toFixed(1)} ms at p99); ` +
  `waiting for a CPU: the SFU ${result.sfuWait.toFixed(2)} s/s, this process ${result.benchWait.toFixed(2)} s/s, load average ${result.loadAverage.toFixed(1)}; ` +
  `${result.packetsIn.toFixed(0)} packets/s in, ${result.videoOut.toFixed(0)} video packets/s out; ` +
  `${result.plis} PLIs (${result.keyframes} keyframe requests to publishers), ` +
  `${result.nacks} NACKs (${result.recovered} packets recovered, ${result.recoveryP50.toFixed(1)} ms after their first sending)` +
  `; missing ${result.missingEverywhere} at every viewer of their track and ${result.missingSomewhere} at some, ` +
  `loss into the SFU at most ${(result.inboundLossMax * 100).toFixed(2)}% over 2 s` +
  (result.wrongSource > 0 ? `; ${result.wrongSource} packets from the wrong source` : '');

if (hold) {
  // The load alone until SIGTERM or the time is up: a line when it is up (another benchmark
  // waits for it), then what the whole hold measured, in words and as a last line of JSON.
  let stopHolding: () => void = () => {};
  const stop = new Promise<void>((resolve) => (stopHolding = resolve));
  process.once('SIGTERM', stopHolding);
  process.once('SIGINT', stopHolding);
  const result = await run(holdSeconds * 1000, stop, (pid) =>
    console.log(
      `video sitting holding: SFU pid ${pid} at priority ${sfuPriority}, for up to ${holdSeconds} s${idlePeers ? ', the peers in the idle class' : ''}`,
    ),
  );
  console.log(`video sitting held: ${describeRun(result)}`);
  console.log(JSON.stringify(result));
  process.exit(0);
}

const results: Measured[] = [];
for (let index = 0; index < runs; index += 1) {
  const result = await run(seconds * 1000);
  results.push(result);
  console.log(`run ${index + 1}: ${describeRun(result)}`);
}

const pick = (figure: (result: Measured) => number) => median(results.map(figure));
const mbits = (bits: number) => (bits / 1e6).toFixed(2);
console.log(
  `\n${POINTS} points (high ${mbits(bitsOf(HIGH))} Mbit/s, low ${mbits(bitsOf(LOW))}, the hall's high ${mbits(bitsOf(PROGRAM_HIGH))}, sound), ` +
    `program to ${POINTS} points, grid of ${GRID_TILES} low, ${FOLLOWERS} followers at high; ${runs} runs of ${seconds} s, medians:\n`,
);
console.log('| figure | measured | target |');
console.log('| --- | ---: | ---: |');
console.log(`| SFU process CPU | ${pick((r) => r.cores).toFixed(3)} cores | 1 core |`);
console.log(`| SFU process memory (RSS) | ${pick((r) => r.rssMb).toFixed(0)} MB | 300 MB |`);
console.log(`| latency p50, all video | ${pick((r) => r.p50).toFixed(2)} ms | |`);
console.log(`| latency p99, all video | ${pick((r) => r.p99).toFixed(2)} ms | 50 ms |`);
for (const kind of ['program', 'grid', 'follower'] as const)
  console.log(`| latency p99, ${kind} | ${pick((r) => r.p99ByKind[kind]).toFixed(2)} ms | |`);
console.log(
  `| video packets delivered | ${(pick((r) => r.delivered) * 100).toFixed(3)}% | 99.9% |`,
);
console.log(
  `| of them the first time (the rest resent on NACK) | ${(pick((r) => r.firstTime) * 100).toFixed(3)}% | |`,
);
console.log(`| packets into the SFU | ${pick((r) => r.packetsIn).toFixed(0)} /s | |`);
console.log(`| video packets out of it | ${pick((r) => r.videoOut).toFixed(0)} /s | |`);
console.log(
  `| CPU of this process (the ${POINTS + POINTS + GRID_TILES + FOLLOWERS} peers) | ${pick((r) => r.benchCores).toFixed(2)} cores | |`,
);
console.log(
  `| this process's event loop busy | ${(pick((r) => r.benchLoopBusy) * 100).toFixed(0)}% | |`,
);
console.log(
  `| this process's event loop late, p99 | ${pick((r) => r.benchLoopP99).toFixed(1)} ms | |`,
);
console.log(`| SFU threads waiting for a CPU | ${pick((r) => r.sfuWait).toFixed(2)} s/s | |`);
console.log(`| machine load average (1 min) | ${pick((r) => r.loadAverage).toFixed(1)} | |`);
process.exit(0);
