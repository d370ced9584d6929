import type { MeetingErrorCode } from './meeting-commands.ts';
import type { MeetingEventBody } from './meeting-events.ts';

/** The figures a refusal for want of quorum gives, so the screen can say how many are missing. */
export type QuorumFigures = {
  readonly present: number;
  readonly required: number;
  readonly total: number;
};

/** What `decide` answers: the events that record an accepted command, or why it was refused. */
export type Decision =
  | { readonly ok: true; readonly events: readonly MeetingEventBody[] }
  | { readonly ok: false; readonly code: MeetingErrorCode; readonly quorum?: QuorumFigures };

export const refuse = (code: MeetingErrorCode): Decision => ({ ok: false, code });
export const accept = (...events: MeetingEventBody[]): Decision => ({ ok: true, events });

/** Refused for want of quorum, with the figures: present, required, members in office. */
export const refuseQuorum = ({ present, required, total }: QuorumFigures): Decision => ({
  ok: false,
  code: 'quorum_not_reached',
  quorum: { present, required, total },
});

/** For the `default` of a switch over a union: the type checker proves it is never reached. */
export function unreachable(value: never): never {
  throw new Error(`unexpected ${JSON.stringify(value)}`);
}
