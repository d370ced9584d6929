import { getContext, setContext } from 'svelte';
import { CommandNotDelivered, MeetingClient, type ConnectionStatus } from '@hopxa/client';
import {
  isSecret,
  quorum,
  type Ballot,
  type MeetingState,
  type MotionChoice,
  type PollState,
  type Quorum,
} from '@hopxa/domain';
import type {
  Answer,
  ConnectRefusal,
  LogHead,
  MeetingCommandInput,
  PollProgress,
  WireError,
} from '@hopxa/protocol';
import type { Language } from '#lib/i18n/language.ts';

/** Something sent and not yet answered: shown until it resolves, exactly once. */
export type Pending = { readonly id: string; readonly kind: MeetingCommandInput['type'] | 'cast' };

/**
 * A ballot of this tablet: its cast id (every copy sent carries it), whether it is recorded,
 * and once a secret one is, the receipt code the server gave it.
 */
export type MyBallot = {
  readonly ballot: Ballot;
  readonly castId: string;
  readonly receipt: string | null;
  readonly status: 'sending' | 'recorded' | 'refused';
  readonly error?: WireError;
};

/** Where this browser keeps an account's ballot in a poll, until it is answered and after. */
const ballotKey = (accountId: string, pollId: string) => `hopxa:ballot:${accountId}:${pollId}`;

/**
 * What a command or ballot gets when it could not be sent at all, after many tries; screens
 * show their `connection.notDelivered` sentence for it (the message is theirs to word).
 */
const NOT_DELIVERED: WireError = { code: 'not_delivered', message: '' };

/**
 * One meeting followed live in the browser: the shared client library underneath, its
 * state, progress and connection as runes for the screens, and what this screen has sent
 * and is waiting for. Rules stay in the domain (`quorum`, `decide`, `checkBallot`); this
 * only holds and sends.
 */
export class MeetingSession {
  readonly meetingId: string;
  state = $state<MeetingState | undefined>();
  status = $state<ConnectionStatus>('connecting');
  progress = $state<PollProgress | null>(null);
  /** Where the meeting's log ends: shown with results, to hold paper against. */
  head = $state<LogHead | null>(null);
  refusal = $state<WireError | undefined>();
  /** Why the server refused the connection itself: an old page, or no session. */
  connectRefusal = $state<ConnectRefusal | undefined>();
  pending = $state<Pending[]>([]);
  /** Ballots this tablet sent, by poll; kept across a reload for the receipt. */
  ballots = $state<Record<string, MyBallot>>({});
  /** A clock for countdowns, ticking each second while the session runs. */
  now = $state(Date.now());
  /** The shared client library underneath; the minutes speak over its connection too. */
  readonly client: MeetingClient;
  private readonly stops: (() => void)[] = [];

  private language: Language;
  /** The signed-in account: ballots kept in this browser are its own. */
  private readonly accountId: string;

  constructor(meetingId: string, language: Language, accountId: string) {
    this.meetingId = meetingId;
    this.language = language;
    this.accountId = accountId;
    this.client = new MeetingClient(location.origin, meetingId, { language });
  }

  /** The interface switched language: the server's sentences follow. */
  setLanguage(language: Language): void {
    if (language === this.language) return;
    this.language = language;
    this.client.setLanguage(language);
  }

  /**
   * Live quorum from the convening (the roll call before the opening) to the close; before
   * the convening there is no roster to count.
   */
  get quorum(): Quorum | undefined {
    const status = this.state?.status;
    return this.state && (status === 'convened' || status === 'open')
      ? quorum(this.state)
      : undefined;
  }

  get currentItem() {
    return this.state?.agenda.find((item) => item.status === 'current');
  }

  get openPoll(): PollState | undefined {
    return this.state?.polls.find((poll) => poll.status === 'open');
  }

  /** Polls closed or annulled, newest first. */
  get finishedPolls(): PollState[] {
    return (this.state?.polls ?? []).filter((poll) => poll.status !== 'open').reverse();
  }

  start(): void {
    const sync = () => {
      this.state = this.client.state;
      this.status = this.client.status;
      this.progress = this.client.progress;
      this.head = this.client.head;
      this.refusal = this.client.refusal;
      this.connectRefusal = this.client.connectRefusal;
    };
    this.stops.push(this.client.watch(sync));
    const tick = setInterval(() => (this.now = Date.now()), 1000);
    this.stops.push(() => clearInterval(tick));
    this.client.start().then(() => this.resendKept(), sync);
  }

  /**
   * Ballots cast in this browser that the server never answered (the page was closed or
   * reloaded while the line was down) go again, under their own cast ids: a ballot the
   * server had after all is answered as a resend and counted once (rule I2).
   */
  private resendKept(): void {
    for (const poll of this.state?.polls ?? []) {
      const kept = this.ballotIn(poll.pollId);
      if (kept?.status === 'sending') void this.sendBallot(poll, kept.ballot, kept.castId);
    }
  }

  stop(): void {
    for (const stop of this.stops.splice(0)) stop();
    this.client.stop();
  }

  /**
   * Sends a command; it shows as pending until answered, however long the line is down
   * (the client resends with the same id, so it applies once).
   */
  private async send(command: MeetingCommandInput): Promise<Answer<{ replayed: boolean }>> {
    try {
      return await this.whilePending(command.type, () => this.client.send(command));
    } catch (error) {
      if (error instanceof CommandNotDelivered) return { ok: false, error: NOT_DELIVERED };
      throw error;
    }
  }

  /**
   * Sends a command and returns the sentence to show if it did not go through (the
   * server's refusal, or `notDelivered` when the line stayed down), else ''.
   */
  async attempt(command: MeetingCommandInput, notDelivered: string): Promise<string> {
    const answer = await this.send(command);
    return answer.ok ? '' : answer.error.message || notDelivered;
  }

  /** The ballot this tablet sent in `pollId`, if any (also after a reload). */
  ballotIn(pollId: string): MyBallot | undefined {
    const held = this.ballots[pollId];
    if (held) return held;
    const stored = localStorage.getItem(ballotKey(this.accountId, pollId));
    return stored ? (JSON.parse(stored) as MyBallot) : undefined;
  }

  /**
   * Casts a ballot under a cast id made here; "recorded" only after the server's
   * acknowledgement. Until then the ballot is kept in this browser, so a reload or a closed
   * page does not lose it; a secret ballot's receipt, from the server, stays kept for
   * checking after the poll closes.
   */
  cast(poll: PollState, ballot: Ballot): Promise<void> {
    return this.sendBallot(poll, ballot, crypto.randomUUID());
  }

  private async sendBallot(poll: PollState, ballot: Ballot, castId: string): Promise<void> {
    this.keep(poll, { ballot, castId, receipt: null, status: 'sending' });
    try {
      const { answer } = await this.whilePending('cast', () =>
        this.client.cast(poll.pollId, ballot, castId),
      );
      this.keep(
        poll,
        answer.ok
          ? { ballot, castId, receipt: answer.data.receipt, status: 'recorded' }
          : { ballot, castId, receipt: null, status: 'refused', error: answer.error },
      );
    } catch (error) {
      if (!(error instanceof CommandNotDelivered)) throw error;
      // Still kept as sending: it goes again when this page or the next one connects.
      this.ballots = {
        ...this.ballots,
        [poll.pollId]: { ballot, castId, receipt: null, status: 'refused', error: NOT_DELIVERED },
      };
    }
  }

  /**
   * The secretary enters a present member's show of hands (an open vote); answers with the
   * sentence to show if it did not go in, else ''.
   */
  async enter(pollId: string, personId: string, choice: MotionChoice, notDelivered: string) {
    try {
      const answer = await this.whilePending('cast', () =>
        this.client.enter(pollId, personId, choice),
      );
      return answer.ok ? '' : answer.error.message;
    } catch (error) {
      if (error instanceof CommandNotDelivered) return notDelivered;
      throw error;
    }
  }

  verify(pollId: string, receipt: string) {
    return this.client.verify(pollId, receipt);
  }

  private keep(poll: PollState, mine: MyBallot): void {
    this.ballots = { ...this.ballots, [poll.pollId]: mine };
    const key = ballotKey(this.accountId, poll.pollId);
    // Kept while unanswered, and a secret ballot's receipt after; it never leaves this tablet.
    if (mine.status === 'sending' || (isSecret(poll.kind) && mine.status === 'recorded'))
      localStorage.setItem(key, JSON.stringify(mine));
    else localStorage.removeItem(key);
  }

  private async whilePending<T>(kind: Pending['kind'], work: () => Promise<T>): Promise<T> {
    const entry: Pending = { id: crypto.randomUUID(), kind };
    this.pending = [...this.pending, entry];
    try {
      return await work();
    } finally {
      this.pending = this.pending.filter((candidate) => candidate.id !== entry.id);
    }
  }
}

const SESSION = Symbol('meeting-session');

/** Hands the page tree's session down; undefined while rendering on the server. */
export function provideMeetingSession(session: MeetingSession | undefined): void {
  setContext(SESSION, session);
}

export function useMeetingSession(): MeetingSession | undefined {
  return getContext<MeetingSession | undefined>(SESSION);
}
