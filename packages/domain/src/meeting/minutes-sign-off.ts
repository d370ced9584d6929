import type { Actor } from '../authorization.ts';
import { accept, refuse, unreachable, type Decision } from './decision.ts';
import type { MeetingCommand } from './meeting-commands.ts';
import type { MeetingEvent } from './meeting-events.ts';
import type { MeetingState } from './meeting-state.ts';

/** Where the meeting's log stood: its last event's seq and that event's hash. */
export type LogPoint = { readonly logSeq: number; readonly logHash: string };

/**
 * The minutes as the server reads them when a command names them, never from a client: the
 * stored version, the SHA-256 of that document, and where the log stood.
 */
export type MinutesFacts = LogPoint & { readonly version: number; readonly sha256: string };

/** A correction made after the minutes were approved, with its own sign-off (M4). */
export type Addendum = LogPoint & {
  readonly addendumId: string;
  readonly text: string;
  /** The SHA-256 of its text, as submitted. */
  readonly sha256: string;
  readonly submittedBy: string;
  readonly submittedAt: string;
  /** Null while it waits for the presiding officer. */
  readonly approvedBy: string | null;
  readonly approvedAt: string | null;
};

/** Where the minutes stand in their sign-off. */
export type MinutesSignOff = {
  /** `writing` takes steps; `submitted` and `approved` take none (M2). */
  readonly status: 'writing' | 'submitted' | 'approved';
  /** What was last submitted: the document's version and SHA-256, who, when, the log's head. */
  readonly submission:
    (MinutesFacts & { readonly submittedBy: string; readonly submittedAt: string }) | null;
  readonly approval: { readonly approvedBy: string; readonly at: string } | null;
  /** Why the presiding officer last returned a submission, until the next one. */
  readonly returned: { readonly reason: string; readonly at: string } | null;
  readonly addenda: readonly Addendum[];
};

export const MINUTES_WRITING: MinutesSignOff = {
  status: 'writing',
  submission: null,
  approval: null,
  returned: null,
  addenda: [],
};

type MinutesCommand = Extract<
  MeetingCommand,
  {
    type:
      | 'submit_minutes'
      | 'return_minutes'
      | 'approve_minutes'
      | 'submit_addendum'
      | 'approve_addendum';
  }
>;

export const MINUTES_COMMANDS: ReadonlySet<MeetingCommand['type']> = new Set([
  'submit_minutes',
  'return_minutes',
  'approve_minutes',
  'submit_addendum',
  'approve_addendum',
]);

export function isMinutesCommand(command: MeetingCommand): command is MinutesCommand {
  return MINUTES_COMMANDS.has(command.type);
}

/** Who does a step of the sign-off: the account, and the name printed where it signs. */
const signedBy = (actor: Actor, at: string) => ({
  byAccountId: actor.accountId,
  byName: actor.displayName,
  at,
});

/** The addendum waiting for the presiding officer, if any (one at a time). */
export function pendingAddendum(minutes: MinutesSignOff): Addendum | undefined {
  return minutes.addenda.find((addendum) => addendum.approvedAt === null);
}

/**
 * The minutes' sign-off (M1-M4): the secretary submits the minutes of a closed sitting as
 * the server stores them, the presiding officer approves exactly that document or returns it
 * with a reason; once approved, a correction is an addendum signed off the same way.
 */
export function decideMinutes(
  state: MeetingState,
  command: MinutesCommand,
  actor: Actor,
  at: string,
): Decision {
  const { minutes } = state;
  // M1: the minutes record the sitting to its close, so they are signed off after it.
  if (state.status !== 'closed') return refuse('sitting_still_open');
  switch (command.type) {
    case 'submit_minutes':
      if (minutes.status !== 'writing') return refuse('minutes_already_submitted');
      // M1: what the secretary read is what is submitted; a step since then is read first.
      if (command.version !== command.minutes.version) return refuse('minutes_changed');
      return accept({
        type: 'minutes_submitted',
        ...command.minutes,
        ...signedBy(actor, at),
      });
    case 'return_minutes':
      if (minutes.status === 'submitted' || pendingAddendum(minutes))
        return accept({
          type: 'minutes_returned',
          reason: command.reason,
          byAccountId: actor.accountId,
          at,
        });
      return refuse('minutes_not_submitted');
    case 'approve_minutes':
      if (minutes.status !== 'submitted' || !minutes.submission)
        return refuse('minutes_not_submitted');
      // M3: the presiding officer approves the document the screen showed, and it is still
      // the one stored.
      if (
        command.sha256 !== minutes.submission.sha256 ||
        command.minutes.sha256 !== minutes.submission.sha256
      )
        return refuse('minutes_changed');
      return accept({
        type: 'minutes_approved',
        sha256: minutes.submission.sha256,
        ...signedBy(actor, at),
      });
    case 'submit_addendum':
      // M4: after approval the minutes stay as approved; a correction is an addendum.
      if (minutes.status !== 'approved') return refuse('minutes_not_approved');
      if (pendingAddendum(minutes)) return refuse('minutes_already_submitted');
      if (minutes.addenda.some((addendum) => addendum.addendumId === command.addendumId))
        return refuse('minutes_already_submitted');
      return accept({
        type: 'addendum_submitted',
        addendumId: command.addendumId,
        text: command.text,
        sha256: command.sha256,
        logSeq: command.head.logSeq,
        logHash: command.head.logHash,
        ...signedBy(actor, at),
      });
    case 'approve_addendum': {
      const pending = pendingAddendum(minutes);
      if (!pending || pending.addendumId !== command.addendumId)
        return refuse('minutes_not_submitted');
      return accept({
        type: 'addendum_approved',
        addendumId: pending.addendumId,
        ...signedBy(actor, at),
      });
    }
    default:
      return unreachable(command);
  }
}

type MinutesEvent = Extract<
  MeetingEvent,
  {
    type:
      | 'minutes_submitted'
      | 'minutes_returned'
      | 'minutes_approved'
      | 'addendum_submitted'
      | 'addendum_approved';
  }
>;

/** The minutes' sign-off after one of its events. */
export function applyMinutes(minutes: MinutesSignOff, event: MinutesEvent): MinutesSignOff {
  switch (event.type) {
    case 'minutes_submitted':
      return {
        ...minutes,
        status: 'submitted',
        submission: {
          version: event.version,
          sha256: event.sha256,
          logSeq: event.logSeq,
          logHash: event.logHash,
          submittedBy: event.byName,
          submittedAt: event.at,
        },
        returned: null,
      };
    case 'minutes_returned':
      // A returned addendum is dropped; returned minutes are written again.
      return minutes.status === 'submitted'
        ? {
            ...minutes,
            status: 'writing',
            submission: null,
            returned: { reason: event.reason, at: event.at },
          }
        : {
            ...minutes,
            addenda: minutes.addenda.filter((addendum) => addendum.approvedAt !== null),
            returned: { reason: event.reason, at: event.at },
          };
    case 'minutes_approved':
      return {
        ...minutes,
        status: 'approved',
        approval: { approvedBy: event.byName, at: event.at },
      };
    case 'addendum_submitted':
      return {
        ...minutes,
        returned: null,
        addenda: [
          ...minutes.addenda,
          {
            addendumId: event.addendumId,
            text: event.text,
            sha256: event.sha256,
            logSeq: event.logSeq,
            logHash: event.logHash,
            submittedBy: event.byName,
            submittedAt: event.at,
            approvedBy: null,
            approvedAt: null,
          },
        ],
      };
    case 'addendum_approved':
      return {
        ...minutes,
        addenda: minutes.addenda.map((addendum) =>
          addendum.addendumId === event.addendumId
            ? { ...addendum, approvedBy: event.byName, approvedAt: event.at }
            : addendum,
        ),
      };
    default:
      return unreachable(event);
  }
}
