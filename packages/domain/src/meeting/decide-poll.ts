import { can, type Actor } from '../authorization.ts';
import type { Threshold } from '../body-rules.ts';
import { requiredCount } from '../thresholds.ts';
import { isPresent } from './attendance.ts';
import type { MeetingCommand, MeetingErrorCode } from './meeting-commands.ts';
import type { MeetingState, PollState } from './meeting-state.ts';
import {
  electionOutcome,
  electionResults,
  isSecret,
  motionOutcome,
  paperCountValid,
  pollKindsFor,
  ROLL_MARKS,
  shareOfTotalBp,
  type Ballot,
  type PaperCount,
  type PollCount,
  type MotionTally,
  type PollResult,
} from './poll.ts';
import { quorum } from './quorum.ts';
import { accept, refuse, refuseQuorum, unreachable, type Decision } from './decision.ts';

type PollCommand = Extract<
  MeetingCommand,
  {
    type:
      | 'appoint_tellers'
      | 'open_poll'
      | 'close_poll'
      | 'annul_poll'
      | 'enter_paper_count'
      | 'sign_tally'
      | 'announce_designation';
  }
>;

const MORE_THAN_HALF: Threshold = { comparison: 'more_than', numerator: 1, denominator: 2 };
const TWO_THIRDS: Threshold = { comparison: 'at_least', numerator: 2, denominator: 3 };

/**
 * The poll commands of an open sitting (rules V1-V15 in SPEC.md); `decide` has checked the
 * permission and that the sitting is open.
 */
export function decidePoll(
  state: MeetingState,
  command: PollCommand,
  actor: Actor,
  at: string,
): Decision {
  switch (command.type) {
    case 'appoint_tellers': {
      const onRoster = new Set(state.roster.map((member) => member.personId));
      if (new Set(command.personIds).size !== command.personIds.length)
        return refuse('poll_invalid');
      if (!command.personIds.every((personId) => onRoster.has(personId)))
        return refuse('not_a_member');
      return accept({ type: 'tellers_appointed', personIds: command.personIds });
    }
    case 'open_poll': {
      const item = state.agenda.find((candidate) => candidate.status === 'current');
      if (!item) return refuse('no_current_item');
      // V11: which kinds of vote this body holds is the domain's answer, not the screen's.
      if (!pollKindsFor(state.rules.passing).includes(command.kind))
        return refuse('poll_kind_not_allowed');
      const present = quorum(state);
      if (!present.reached) return refuseQuorum(present);
      if (state.polls.some((poll) => poll.status === 'open')) return refuse('poll_already_open');
      if (state.polls.some((poll) => poll.pollId === command.pollId)) return refuse('poll_invalid');
      const candidates = command.kind === 'election' ? (command.candidates ?? []) : [];
      const seats = command.kind === 'election' ? (command.seats ?? 0) : 0;
      if (command.kind === 'election' && !validElection(candidates, seats))
        return refuse('poll_invalid');
      if (command.kind !== 'election' && (command.candidates?.length || command.seats))
        return refuse('poll_invalid');
      if (isSecret(command.kind) && state.tellers.length === 0) return refuse('tellers_required');
      return accept({
        type: 'poll_opened',
        pollId: command.pollId,
        itemId: item.id,
        kind: command.kind,
        title: command.title,
        candidates,
        seats,
        threshold: thresholdFor(state, command.kind, command.majority ?? 'body'),
        // The tellers of this poll are the ones appointed when it opened (V14).
        tellers: isSecret(command.kind) ? state.tellers : [],
        at,
      });
    }
    case 'close_poll': {
      const poll = state.polls.find((candidate) => candidate.pollId === command.pollId);
      if (!poll) return refuse('unknown_poll');
      // Closing again changes nothing: the result was frozen the first time (rule V12).
      if (poll.status !== 'open') return accept();
      if (!command.count) return refuse('poll_changed');
      const count = command.count;
      const roll = rollOf(state, poll, count);
      const issued = [...roll].filter((mark) => mark !== ROLL_MARKS.notEntitled).length;
      // V17: tablets and paper together return no more ballots than were issued.
      if (count.voters.length + (poll.paper?.returned ?? 0) > issued)
        return refuse('paper_count_invalid');
      return accept({
        type: 'poll_closed',
        pollId: poll.pollId,
        at,
        roll,
        result: resultOf(state, poll, count, issued),
      });
    }
    case 'enter_paper_count': {
      const poll = state.polls.find((candidate) => candidate.pollId === command.pollId);
      if (!poll) return refuse('unknown_poll');
      if (poll.status !== 'open') return refuse('poll_not_open');
      if (!isSecret(poll.kind)) return refuse('not_a_secret_poll');
      // V17: the count holds together, and no more paper ballots than members present who
      // may vote (the closing checks it against the tablets' ballots too).
      if (
        !paperCountValid(command.paper, poll.kind, poll.candidates, poll.seats) ||
        command.paper.returned > entitledNow(state).length
      )
        return refuse('paper_count_invalid');
      return accept({
        type: 'paper_count_entered',
        pollId: poll.pollId,
        paper: command.paper,
        byAccountId: actor.accountId,
        at,
      });
    }
    case 'annul_poll': {
      const poll = state.polls.find((candidate) => candidate.pollId === command.pollId);
      if (!poll) return refuse('unknown_poll');
      if (poll.status === 'annulled') return refuse('poll_not_open');
      return accept({ type: 'poll_annulled', pollId: poll.pollId, reason: command.reason, at });
    }
    case 'sign_tally': {
      const poll = state.polls.find((candidate) => candidate.pollId === command.pollId);
      if (!poll) return refuse('unknown_poll');
      if (!actor.personId || !poll.tellers.includes(actor.personId)) return refuse('not_a_teller');
      if (poll.status !== 'closed' || !isSecret(poll.kind)) return refuse('poll_not_open');
      if (poll.signatures.some((signature) => signature.personId === actor.personId))
        return refuse('already_signed');
      const name =
        state.roster.find((member) => member.personId === actor.personId)?.fullName ??
        actor.displayName;
      return accept({
        type: 'tally_signed',
        pollId: poll.pollId,
        personId: actor.personId,
        name,
        at,
      });
    }
    case 'announce_designation':
      return accept({
        type: 'designation_announced',
        itemId: state.agenda.find((item) => item.status === 'current')?.id ?? null,
        personName: command.personName,
        post: command.post,
        decision: command.decision,
        at,
      });
    default:
      return unreachable(command);
  }
}

/**
 * Whether a close or an annulment of `pollId` by `actor` ends a poll still open, and will be
 * accepted (rules V12, V13, P1). The server closes and counts the poll's box first, so the
 * count goes into the close and no sealed ballot outlives the poll; anything else about the
 * command is `decide`'s to answer.
 */
export function endsOpenPoll(state: MeetingState, pollId: string, actor: Actor): boolean {
  const poll = state.polls.find((candidate) => candidate.pollId === pollId);
  return (
    poll?.status === 'open' &&
    state.status === 'open' &&
    can(actor, 'meeting.preside', state.target)
  );
}

/**
 * Whether `actor` may put `ballot` in the poll's box now (rules V5, V7): a member with the
 * right to vote, present in the hall or online (a late arrival too), a ballot of the poll's
 * kind naming at most as many candidates as there are seats. That it is the voter's only
 * ballot (V6) is the database's unique key to enforce. Null when it may.
 */
export function checkBallot(
  state: MeetingState,
  pollId: string,
  actor: Actor,
  ballot: Ballot,
): MeetingErrorCode | null {
  const member = state.roster.find((candidate) => candidate.personId === actor.personId);
  if (!member) return 'forbidden';
  const poll = state.polls.find((candidate) => candidate.pollId === pollId);
  if (!poll) return 'unknown_poll';
  if (poll.status !== 'open' || state.status !== 'open') return 'poll_not_open';
  if (!member.votingRight || !can(actor, 'meeting.vote', state.target)) return 'not_entitled';
  if (!mayVoteNow(state, member)) return 'not_checked_in';
  if (ballot.kind === 'motion') return poll.kind === 'election' ? 'ballot_invalid' : null;
  if (poll.kind !== 'election') return 'ballot_invalid';
  const known = new Set(poll.candidates.map((candidate) => candidate.id));
  const chosen = new Set(ballot.candidateIds);
  if (chosen.size !== ballot.candidateIds.length || ![...chosen].every((id) => known.has(id)))
    return 'ballot_invalid';
  return chosen.size > poll.seats ? 'too_many_choices' : null;
}

/**
 * Whether the secretary (`actor`) may enter `personId`'s vote by hand in an open vote (V18):
 * a member with the right to vote, present, whose hands were counted in the hall because
 * they have no tablet; the poll an open vote or a consultation, still open. That the member
 * has no ballot in the box yet is the box's unique key to enforce. Null when it may.
 */
export function checkEntry(
  state: MeetingState,
  pollId: string,
  actor: Actor,
  personId: string,
  ballot: Ballot,
): MeetingErrorCode | null {
  if (!can(actor, 'meeting.keep_record', state.target)) return 'forbidden';
  const member = state.roster.find((candidate) => candidate.personId === personId);
  if (!member) return 'not_a_member';
  const poll = state.polls.find((candidate) => candidate.pollId === pollId);
  if (!poll) return 'unknown_poll';
  if (poll.status !== 'open' || state.status !== 'open') return 'poll_not_open';
  if (isSecret(poll.kind)) return 'not_an_open_vote';
  if (!member.votingRight) return 'not_entitled';
  if (!mayVoteNow(state, member)) return 'not_checked_in';
  return ballot.kind === 'motion' ? null : 'ballot_invalid';
}

/** V4: an election has at least one seat, and distinct candidates at least as many as seats. */
function validElection(candidates: readonly { id: string; name: string }[], seats: number) {
  return (
    Number.isInteger(seats) &&
    seats >= 1 &&
    candidates.length >= seats &&
    new Set(candidates.map((candidate) => candidate.id)).size === candidates.length
  );
}

/**
 * The threshold a poll is counted by, fixed when it opens (V8, V11): a consultation has
 * none; an election needs more than half of the total (two thirds if asked); a motion
 * follows the body's rule, or two thirds for what the law says needs it.
 */
function thresholdFor(
  state: MeetingState,
  kind: PollState['kind'],
  majority: 'body' | 'two_thirds',
): Threshold | 'consensus' {
  if (kind === 'consultation') return 'consensus';
  if (majority === 'two_thirds') return TWO_THIRDS;
  if (kind === 'election')
    return state.rules.passing === 'consensus' ? MORE_THAN_HALF : state.rules.passing;
  return state.rules.passing;
}

function resultOf(
  state: MeetingState,
  poll: PollState,
  count: PollCount,
  issued: number,
): PollResult {
  const base = state.membersInOffice;
  const paper = poll.paper;
  const fromPaper = paper ?? NO_PAPER;
  const tally: MotionTally =
    poll.kind === 'election'
      ? zeroTally
      : {
          inFavour: count.tally.inFavour + fromPaper.tally.inFavour,
          against: count.tally.against + fromPaper.tally.against,
          notVoting: count.tally.notVoting + fromPaper.tally.notVoting,
        };
  const fromBox =
    poll.kind === 'election'
      ? count.voters.length
      : count.tally.inFavour + count.tally.against + count.tally.notVoting + count.invalid;
  const returned = fromBox + fromPaper.returned;
  const invalid = count.invalid + fromPaper.invalid;
  const blank = poll.kind === 'election' ? count.blank + fromPaper.blank : 0;
  const counts = {
    membersInOffice: base,
    issued,
    returned,
    valid: returned - blank - invalid,
    blank,
    invalid,
    tally,
    tallyShareBp: {
      inFavour: shareOfTotalBp(tally.inFavour, base),
      against: shareOfTotalBp(tally.against, base),
      notVoting: shareOfTotalBp(tally.notVoting, base),
    },
    fromTablets: fromBox - count.entered.length,
    entered: count.entered,
    paper: paper
      ? {
          returned: paper.returned,
          invalid: paper.invalid,
          blank: paper.blank,
          tally: paper.tally,
          perCandidate: paper.perCandidate,
        }
      : null,
    didNotVote: Math.max(0, issued - returned),
  };
  if (poll.kind === 'election') {
    const threshold = poll.threshold === 'consensus' ? MORE_THAN_HALF : poll.threshold;
    const perCandidate = Object.fromEntries(
      poll.candidates.map((candidate) => [
        candidate.id,
        (count.perCandidate[candidate.id] ?? 0) + (fromPaper.perCandidate[candidate.id] ?? 0),
      ]),
    );
    const candidates = electionResults(poll.candidates, perCandidate, poll.seats, base, threshold);
    return {
      ...counts,
      candidates,
      required: requiredCount(base, threshold),
      outcome: electionOutcome(candidates),
      decidedByChair: false,
    };
  }
  // V9: the tie goes with the Chairperson's open vote; a secret ballot keeps it unknown.
  const chair = chairperson(state);
  const chairChoice =
    isSecret(poll.kind) || !chair
      ? null
      : (count.votes.find((vote) => vote.personId === chair.personId)?.choice ?? null);
  return {
    ...counts,
    candidates: [],
    ...motionOutcome(tally, base, poll.threshold, {
      breaksTies: state.rules.chairBreaksTies,
      choice: chairChoice,
    }),
  };
}

const NO_PAPER: PaperCount = {
  returned: 0,
  invalid: 0,
  blank: 0,
  tally: { inFavour: 0, against: 0, notVoting: 0 },
  perCandidate: {},
};

/**
 * The member holding the body's chair (for a People's Committee, its Chairperson, whoever
 * presides): null unless exactly one member of the roster holds it.
 */
export function chairperson(state: MeetingState): MeetingState['roster'][number] | null {
  const chairs = state.roster.filter((member) => member.position === 'chair');
  return chairs.length === 1 ? (chairs[0] ?? null) : null;
}

/**
 * The roll at closing (V5, V16): entitled are the voting members present then and everyone
 * who voted; an open vote keeps each choice, a secret ballot only that the member voted.
 */
function rollOf(state: MeetingState, poll: PollState, count: PollCount): string {
  const choices = new Map(count.votes.map((vote) => [vote.personId, vote.choice]));
  const voters = new Set(count.voters);
  return state.roster
    .map((member) => {
      if (voters.has(member.personId)) {
        const choice = choices.get(member.personId);
        return isSecret(poll.kind) || !choice ? ROLL_MARKS.voted : ROLL_MARKS[choice];
      }
      return mayVoteNow(state, member) ? ROLL_MARKS.didNotVote : ROLL_MARKS.notEntitled;
    })
    .join('');
}

/** V5: a member with the right to vote who is present, in the hall or online. */
export function mayVoteNow(state: MeetingState, member: MeetingState['roster'][number]): boolean {
  const record = state.attendance[member.personId];
  return member.votingRight && record !== undefined && isPresent(record.status);
}

/** Who may vote right now (V5): the members with a vote who are present. */
export function entitledNow(state: MeetingState): MeetingState['roster'] {
  return state.roster.filter((member) => mayVoteNow(state, member));
}

const zeroTally: MotionTally = { inFavour: 0, against: 0, notVoting: 0 };
