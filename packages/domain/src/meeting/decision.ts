import type { MeetingErrorCode } from './meeting-commands.ts';
import type { MeetingEventBody } from './meeting-events.ts';

/** What `decide` answers: the events that record an accepted command, or why it was refused. */
export type Decision =
  | { readonly ok: true; readonly events: readonly MeetingEventBody[] }
  | { readonly ok: false; readonly code: MeetingErrorCode };

export const refuse = (code: MeetingErrorCode): Decision => ({ ok: false, code });
export const accept = (...events: MeetingEventBody[]): Decision => ({ ok: true, events });

/** For the `default` of a switch over a union: the type checker proves it is never reached. */
export function unreachable(value: never): never {
  throw new Error(`unexpected ${JSON.stringify(value)}`);
}
