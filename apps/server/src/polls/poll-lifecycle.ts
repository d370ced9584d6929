// A poll's whole life as the server lives it, beside the log the domain decides: its box
// made once it opens, ballots checked and put in, copies recognised, the box closed and
// counted before the close is decided, receipts checked. The meeting engine calls these;
// nothing here knows of sockets or of the engine.
import type { Database } from '@hopxa/db';
import {
  canonicalBallot,
  checkBallot,
  checkEntry,
  endsOpenPoll,
  isSecret,
  repeatedBallot,
  type Actor,
  type Ballot,
  type MeetingCommand,
  type MeetingEvent,
  type MeetingState,
  type MotionChoice,
  type PollState,
} from '@hopxa/domain';
import type {
  CastData,
  MeetingCommandInput,
  PollProgress,
  ReceiptData,
  WireErrorCode,
} from '@hopxa/protocol';
import {
  ballotOfReceipt,
  boxExists,
  castBallots,
  closeBox,
  countBox,
  openBox,
  progressOf,
  repeatInBox,
  type Box,
  type Cast,
  type CastOutcome,
} from './ballot-box.ts';
import type { BallotSeal } from './ballot-seal.ts';

/** A refusal, by the code a client is answered with. */
export type Refused = { readonly refused: WireErrorCode };

const boxOf = (meetingId: string, poll: PollState): Box => ({
  meetingId,
  pollId: poll.pollId,
  secret: isSecret(poll.kind),
  seats: poll.seats,
});

/**
 * Makes the box of every poll these committed events opened, before anyone hears of it:
 * once a poll is open in the log, its box takes ballots.
 */
export async function openBoxes(
  db: Database,
  meetingId: string,
  events: readonly MeetingEvent[],
): Promise<void> {
  for (const event of events) {
    if (event.type !== 'poll_opened') continue;
    await openBox(db, {
      meetingId,
      pollId: event.pollId,
      secret: isSecret(event.kind),
      seats: event.seats,
    });
  }
}

/**
 * A close or an annulment of a poll, made ready to be decided (V12, V13): when it ends a poll
 * still open, the box is closed first (waiting out casts in flight) and counted (a secret
 * poll's sealed ballots opened and dropped), and a close carries the count. Otherwise it goes
 * as it came, for `decide` to answer. A crash between closing the box and deciding leaves a
 * closed box that the next close counts.
 */
export async function preparePollEnding(
  db: Database,
  seal: BallotSeal,
  state: MeetingState,
  request: Extract<MeetingCommandInput, { type: 'close_poll' | 'annul_poll' }>,
  actor: Actor,
): Promise<MeetingCommand> {
  const poll = state.polls.find((candidate) => candidate.pollId === request.pollId);
  if (!poll || !endsOpenPoll(state, request.pollId, actor)) {
    return request.type === 'close_poll' ? { ...request, count: null } : request;
  }
  const box = boxOf(state.target.meetingId, poll);
  await closeBox(db, box.pollId);
  const count = await countBox(db, seal, box);
  return request.type === 'close_poll' ? { ...request, count } : request;
}

/** A voter's ballot checked against the meeting (V5, V7), with its poll's box. */
export type CheckedCast = {
  readonly box: Box;
  readonly cast: Cast;
  /** The poll is no longer open: only a copy of a ballot already in can be answered. */
  readonly late: boolean;
};

/**
 * Checks a voter's ballot against the meeting's rules (V5, V7); an election's names are put
 * in the poll's order, so the box never keeps an order a voter chose (V16).
 */
export function checkCast(
  state: MeetingState,
  actor: Actor,
  request: { readonly pollId: string; readonly castId: string; readonly ballot: Ballot },
): CheckedCast | Refused {
  const poll = state.polls.find((candidate) => candidate.pollId === request.pollId);
  const refused = checkBallot(state, request.pollId, actor, request.ballot);
  if (!poll || !actor.personId || (refused && refused !== 'poll_not_open')) {
    return { refused: refused ?? 'unknown_poll' };
  }
  return {
    box: boxOf(state.target.meetingId, poll),
    cast: {
      personId: actor.personId,
      castId: request.castId,
      ballot: canonicalBallot(request.ballot, poll.candidates),
      enteredBy: null,
    },
    late: refused === 'poll_not_open',
  };
}

/**
 * Checks a show of hands the secretary enters for a present member without a tablet (V18):
 * it goes into the box as that member's ballot, marked with who entered it, so a member
 * has one vote whichever way it came (V6).
 */
export function checkEntryCast(
  state: MeetingState,
  actor: Actor,
  request: {
    readonly pollId: string;
    readonly castId: string;
    readonly personId: string;
    readonly choice: MotionChoice;
  },
): CheckedCast | Refused {
  const poll = state.polls.find((candidate) => candidate.pollId === request.pollId);
  const ballot = { kind: 'motion', choice: request.choice } as const;
  const refused = checkEntry(state, request.pollId, actor, request.personId, ballot);
  if (!poll || (refused && refused !== 'poll_not_open')) {
    return { refused: refused ?? 'unknown_poll' };
  }
  return {
    box: boxOf(state.target.meetingId, poll),
    cast: {
      personId: request.personId,
      castId: request.castId,
      ballot,
      enteredBy: actor.accountId,
    },
    late: refused === 'poll_not_open',
  };
}

/** What a batch of casts into one box did, and the progress it makes. */
export type CastBatch = {
  readonly outcomes: readonly CastOutcome[];
  /** The poll's progress when anyone new voted: who, for an open vote; how many, always. */
  readonly progress: PollProgress | null;
};

/**
 * Puts a batch of casts into one box in one write, each voter once: a voter's second cast in
 * the batch is answered after the first, as a copy of it (same cast id and ballot), another
 * ballot under its cast id, or a second ballot (I2, V6).
 */
export async function castBatch(
  db: Database,
  seal: BallotSeal,
  box: Box,
  casts: readonly Cast[],
): Promise<CastBatch> {
  const firstOfVoter = new Map<string, number>();
  casts.forEach((cast, index) => {
    if (!firstOfVoter.has(cast.personId)) firstOfVoter.set(cast.personId, index);
  });
  const unique = [...firstOfVoter.values()].map((index) => casts[index] as Cast);
  let written = await castBallots(db, seal, box, unique);
  // Open in the log but without a box: the server stopped between committing the opening
  // and making its box. Made now, the ballots go in.
  if (!written.open && !(await boxExists(db, box.pollId))) {
    await openBox(db, box);
    written = await castBallots(db, seal, box, unique);
  }
  const outcomeOf = new Map(
    unique.map((cast, index) => [cast.personId, written.outcomes[index] ?? 'poll_not_open']),
  );
  const outcomes = casts.map((cast, index): CastOutcome => {
    const outcome = outcomeOf.get(cast.personId) ?? 'poll_not_open';
    if (firstOfVoter.get(cast.personId) === index) return outcome;
    // Only a copy of a ballot that is in the box is a resend; anything else keeps its answer.
    if (outcome !== 'recorded' && outcome !== 'replayed') return outcome;
    const first = casts[firstOfVoter.get(cast.personId) ?? 0] as Cast;
    if (first.castId !== cast.castId) return 'already_voted';
    return repeatedBallot(first.ballot, cast.ballot, []);
  });
  return {
    outcomes,
    progress:
      written.added.length === 0
        ? null
        : {
            pollId: box.pollId,
            voted: written.voted,
            // Who has voted is shown for an open vote only; a secret ballot shows how many.
            voters: box.secret ? [] : written.added,
          },
  };
}

/**
 * The answer to a cast once its batch is written: recorded or a copy (with a secret
 * ballot's receipt, the same for every copy), or why not. One that came after the poll
 * closed is answered as a copy if its first copy got in before (I2).
 */
export async function castAnswer(
  db: Database,
  seal: BallotSeal,
  checked: CheckedCast,
  outcome: CastOutcome,
): Promise<CastData | Refused> {
  const { box, cast } = checked;
  const settled =
    outcome === 'poll_not_open' ? ((await repeatInBox(db, seal, box, cast)) ?? outcome) : outcome;
  if (settled !== 'recorded' && settled !== 'replayed') return { refused: settled };
  return {
    replayed: settled === 'replayed',
    receipt: box.secret ? seal.receiptFor(box.pollId, cast.personId, cast.castId) : null,
  };
}

/**
 * Whether the ballot with `receipt` was counted, and as what: for the account the receipt was
 * given to, and no other (a receipt someone else learnt tells them nothing), once the poll
 * is closed.
 */
export async function verifyReceipt(
  db: Database,
  seal: BallotSeal,
  state: MeetingState,
  actor: Actor,
  request: { readonly pollId: string; readonly receipt: string },
): Promise<ReceiptData | Refused> {
  const poll = state.polls.find((candidate) => candidate.pollId === request.pollId);
  if (!poll || !isSecret(poll.kind)) return { refused: 'unknown_poll' };
  if (poll.status === 'open') return { refused: 'poll_still_open' };
  if (!actor.personId || seal.nonceOf(poll.pollId, actor.personId, request.receipt) === null)
    return { refused: 'receipt_not_yours' };
  const ballot = await ballotOfReceipt(db, seal, poll.pollId, actor.personId, request.receipt);
  return { counted: ballot !== null, ballot };
}

/** The open poll's progress, for a client joining the meeting; null when none is open. */
export async function openPollProgress(
  db: Database,
  state: MeetingState,
): Promise<PollProgress | null> {
  const poll = state.polls.find((candidate) => candidate.status === 'open');
  if (!poll) return null;
  const progress = await progressOf(db, { pollId: poll.pollId, secret: isSecret(poll.kind) });
  return { pollId: poll.pollId, ...progress };
}
