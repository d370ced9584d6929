/**
 * Linked video: a selective forwarding unit on node-datachannel, run in a child process of
 * its own behind the `VideoRouter` interface.
 */
export type {
  PointStats,
  PublishRequest,
  SessionAnswer,
  SessionEnded,
  SubscribeRequest,
  VideoQuality,
  VideoRouter,
  VideoSource,
} from './video-router.ts';
export { startSfu, type SfuRouter, type StartSfuOptions } from './forked-router.ts';
export { isCpuPriority, type CpuPriority } from './process-priority.ts';
export type { SessionInfo, SfuLogger, SfuLogLevel } from './sfu-core.ts';
export { InvalidOfferError } from './sdp.ts';
