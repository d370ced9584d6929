import type { PeerSettings } from './session-peer.ts';
import type { SfuCore, SfuLogLevel } from './sfu-core.ts';
import type { SessionEnded } from './video-router.ts';

/** The core's methods the parent process calls in the child. */
export const SFU_METHODS = [
  'publish',
  'subscribe',
  'switchSource',
  'setProgram',
  'close',
  'closePoint',
  'closeMeeting',
  'stats',
  'list',
] as const;

export type SfuMethod = (typeof SFU_METHODS)[number];

/** What a call to `method` takes and gives. */
export type SfuCalls = Pick<SfuCore, SfuMethod>;

/** The child's settings, passed as its one argument (JSON). */
export type ChildSettings = Partial<PeerSettings>;

/** From the parent to the child. */
export type ParentMessage =
  | {
      readonly type: 'call';
      readonly id: number;
      readonly method: SfuMethod;
      readonly args: readonly unknown[];
    }
  | { readonly type: 'stop' };

/** From the child to the parent. */
export type ChildMessage =
  | { readonly type: 'ready' }
  | { readonly type: 'reply'; readonly id: number; readonly ok: true; readonly value: unknown }
  | {
      readonly type: 'reply';
      readonly id: number;
      readonly ok: false;
      readonly error: { readonly name: string; readonly message: string };
    }
  | { readonly type: 'ended'; readonly ended: SessionEnded }
  | { readonly type: 'log'; readonly level: SfuLogLevel; readonly message: string };
