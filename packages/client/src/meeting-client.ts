import {
  apply,
  type Ballot,
  type MeetingEvent,
  type MeetingState,
  type MotionChoice,
} from '@hopxa/domain';
import {
  connectRefusalSchema,
  PROTOCOL_VERSION,
  type Answer,
  type ConnectRefusal,
  type CastData,
  type ClientToServerEvents,
  type JoinData,
  type LogHead,
  type MeetingCommandInput,
  type PollProgress,
  type ReceiptData,
  type ServerToClientEvents,
  type WireError,
} from '@hopxa/protocol';
import { io, type Socket } from 'socket.io-client';

/**
 * The line to the server: connecting, online, offline (it keeps trying), or refused by the
 * server at the door (`connectRefusal` says why; trying again would change nothing).
 */
export type ConnectionStatus = 'connecting' | 'online' | 'offline' | 'refused';

export type MeetingClientOptions = {
  /** Extra headers for the handshake (Node only: a session cookie; browsers send their own). */
  readonly headers?: Record<string, string>;
  /** How long to wait for an answer before sending the same command again. */
  readonly answerTimeoutMs?: number;
  /** How many times a command is sent before it is given up. */
  readonly attempts?: number;
  /** The language of the server's error sentences; else the browser's Accept-Language. */
  readonly language?: 'vi' | 'en';
};

/** A command that could not be sent at all (offline too long), as opposed to one refused. */
export class CommandNotDelivered extends Error {
  constructor() {
    super('command not delivered');
  }
}

/**
 * One meeting followed live: joins it, keeps `state` by applying the same reducer as the
 * server, catches up after a reconnect from the last seq it has, asks for a snapshot when it
 * sees a gap, and sends commands with a client-made id so a retry is never applied twice.
 *
 * @example
 * const client = new MeetingClient('http://127.0.0.1:3000', meetingId);
 * await client.start();
 * await client.send({ type: 'check_in', status: 'present_in_hall' });
 */
export class MeetingClient {
  readonly socket: Socket<ServerToClientEvents, ClientToServerEvents>;
  readonly meetingId: string;
  state: MeetingState | undefined;
  /** The open poll's progress: how many have voted and, for an open vote, who. */
  progress: PollProgress | null = null;
  /** Where the meeting's log ends, as the server last said: shown beside results. */
  head: LogHead | null = null;
  status: ConnectionStatus = 'connecting';
  private readonly listeners = new Set<(state: MeetingState) => void>();
  private readonly watchers = new Set<() => void>();
  private readonly options: Required<Omit<MeetingClientOptions, 'headers' | 'language'>>;
  private joining: Promise<void> | undefined;
  /** Why the server would not let us follow the meeting, if it would not. */
  refusal: WireError | undefined;
  /**
   * Why the server refused the connection itself: this page is out of date (reload it), or
   * it has no session (sign in, or pair the tablet again: it may have been revoked).
   */
  connectRefusal: ConnectRefusal | undefined;

  constructor(url: string, meetingId: string, options: MeetingClientOptions = {}) {
    this.meetingId = meetingId;
    this.options = {
      answerTimeoutMs: options.answerTimeoutMs ?? 5000,
      attempts: options.attempts ?? 20,
    };
    this.socket = io(url, {
      transports: ['websocket'],
      auth: {
        protocolVersion: PROTOCOL_VERSION,
        ...(options.language && { language: options.language }),
      },
      forceNew: true,
      autoConnect: false,
      reconnectionDelay: 250,
      reconnectionDelayMax: 2000,
      ...(options.headers && { extraHeaders: options.headers }),
    });
    this.socket.on('meeting:events', (message) => {
      if (message.meetingId !== this.meetingId) return;
      this.keepHead(message.head);
      this.receive(message.events);
    });
    this.socket.on('poll:progress', (message) => {
      if (message.meetingId !== this.meetingId) return;
      const held = this.progress?.pollId === message.pollId ? this.progress : null;
      // Messages from several server processes may cross: counts only grow while a poll is open.
      this.progress = {
        pollId: message.pollId,
        voted: Math.max(held?.voted ?? 0, message.voted),
        voters: [...new Set([...(held?.voters ?? []), ...message.voters])],
      };
      this.notify();
    });
    this.socket.on('connect', () => {
      this.status = 'online';
      this.notify();
      this.joining = this.join();
    });
    this.socket.on('connect_error', (error) => {
      // The server refusing the connection itself (an old page, no session) is not a line
      // down: trying again changes nothing, so the client stops and says why.
      const refusal = connectRefusalSchema.safeParse((error as { data?: unknown }).data);
      this.connectRefusal = refusal.success ? refusal.data : undefined;
      this.status = refusal.success ? 'refused' : 'offline';
      this.notify();
    });
    this.socket.on('disconnect', (reason) => {
      this.status = 'offline';
      this.notify();
      // The server closes a socket itself when its session is revoked (the tablet was
      // unpaired, the account signed out everywhere). Socket.IO would then stay down for good;
      // knocking once more lets the door say why, or lets a still-valid session back in.
      if (reason === 'io server disconnect') this.socket.connect();
    });
  }

  /** Connects and joins; resolves with the first state, or rejects with the refusal. */
  async start(): Promise<MeetingState> {
    const connected = new Promise<void>((resolve, reject) => {
      this.socket.once('connect', () => resolve());
      this.socket.once('connect_error', (error) => reject(error));
    });
    this.socket.connect();
    await connected;
    await this.joining;
    if (this.refusal) throw new MeetingRefused(this.refusal);
    if (!this.state) throw new Error('joined without a state');
    return this.state;
  }

  /** Calls `listener` after every change of state. */
  subscribe(listener: (state: MeetingState) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Calls `listener` after any change: state, poll progress, connection, refusal. */
  watch(listener: () => void): () => void {
    this.watchers.add(listener);
    return () => this.watchers.delete(listener);
  }

  /**
   * Sends a command and resolves with its answer once the server has committed it (or
   * refused it) and `state` shows it. Lost answers and dropped connections are retried with
   * the same id.
   */
  async send(
    command: MeetingCommandInput,
    commandId: string = crypto.randomUUID(),
  ): Promise<Answer<{ replayed: boolean }>> {
    const answer = await this.deliver<{ replayed: boolean }>((timeout) =>
      this.socket
        .timeout(timeout)
        .emitWithAck('meeting:command', { meetingId: this.meetingId, commandId, command }),
    );
    if (answer.ok) await this.reach(answer.seq);
    return answer;
  }

  /**
   * Puts a ballot into an open poll under `castId`, made here once per ballot: a resend after
   * a lost answer or a dropped line carries the same id, so it is counted once and answered
   * as a resend. A secret ballot's answer carries its receipt code: with it the voter checks
   * the count later.
   */
  async cast(
    pollId: string,
    ballot: Ballot,
    castId: string = crypto.randomUUID(),
  ): Promise<{ answer: Answer<CastData>; castId: string }> {
    const answer = await this.deliver<CastData>((timeout) =>
      this.socket.timeout(timeout).emitWithAck('poll:cast', {
        meetingId: this.meetingId,
        pollId,
        castId,
        ballot:
          ballot.kind === 'election'
            ? { kind: 'election', candidateIds: [...ballot.candidateIds] }
            : ballot,
      }),
    );
    return { answer, castId };
  }

  /**
   * The secretary enters a present member's show of hands in an open vote, for a member
   * without a tablet; resent under the same `castId` until answered, counted once.
   */
  async enter(
    pollId: string,
    personId: string,
    choice: MotionChoice,
    castId: string = crypto.randomUUID(),
  ): Promise<Answer<CastData>> {
    return this.deliver<CastData>((timeout) =>
      this.socket
        .timeout(timeout)
        .emitWithAck('poll:enter', { meetingId: this.meetingId, pollId, castId, personId, choice }),
    );
  }

  /** After a secret poll closed: whether the ballot with `receipt` was counted, and as what. */
  verify(pollId: string, receipt: string): Promise<Answer<ReceiptData>> {
    return this.deliver<ReceiptData>((timeout) =>
      this.socket
        .timeout(timeout)
        .emitWithAck('poll:verify', { meetingId: this.meetingId, pollId, receipt }),
    );
  }

  /** Sends until answered (a lost answer or a server that was busy), waiting out a dropped line. */
  private async deliver<T>(emit: (timeoutMs: number) => Promise<Answer<T>>): Promise<Answer<T>> {
    for (let attempt = 0; attempt < this.options.attempts; attempt += 1) {
      if (!this.socket.connected) await this.waitForConnection();
      try {
        const answer = await emit(this.options.answerTimeoutMs);
        if (answer.ok || answer.error.code !== 'unavailable') return answer;
      } catch {
        // No answer in time: sending the same again cannot count it twice.
      }
    }
    throw new CommandNotDelivered();
  }

  /**
   * Asks for the server's error sentences in another language from now on: the connection
   * is made again with it (the state catches up from its seq, and commands in flight resend).
   */
  setLanguage(language: 'vi' | 'en'): void {
    this.socket.auth = { ...(this.socket.auth as Record<string, unknown>), language };
    if (this.socket.connected) this.socket.disconnect().connect();
  }

  stop(): void {
    this.socket.disconnect();
  }

  /**
   * Waits until `state` holds `seq`. The server answers a command before the room hears of
   * its events (it sends those at most every 100 ms), so they normally follow within that;
   * if they have not come in time, the client asks for what it misses once.
   */
  private async reach(seq: number): Promise<void> {
    const holds = () => (this.state?.seq ?? 0) >= seq;
    const arrived = (waitMs: number) =>
      new Promise<void>((resolve) => {
        if (holds()) return resolve();
        const done = () => {
          clearTimeout(timer);
          unsubscribe();
          resolve();
        };
        const timer = setTimeout(done, waitMs);
        const unsubscribe = this.subscribe(() => {
          if (holds()) done();
        });
      });
    await arrived(this.options.answerTimeoutMs);
    if (holds()) return;
    this.joining = this.join();
    await this.joining;
  }

  private waitForConnection(): Promise<void> {
    return new Promise((resolve) => this.socket.once('connect', () => resolve()));
  }

  /**
   * Joins, or after a reconnect catches up from the last seq held. Never rejects: a refusal
   * is kept in `refusal`, and a lost answer is retried on the next connection.
   */
  private async join(): Promise<void> {
    let answer: Answer<JoinData>;
    try {
      answer = await this.socket.timeout(this.options.answerTimeoutMs).emitWithAck('meeting:join', {
        meetingId: this.meetingId,
        sinceSeq: this.state?.seq ?? null,
      });
    } catch {
      return;
    }
    if (!answer.ok) {
      this.refusal = answer.error;
      this.notify();
      return;
    }
    this.refusal = undefined;
    this.progress = answer.data.progress;
    if (answer.data.head) this.keepHead(answer.data.head);
    if (answer.data.kind === 'snapshot') this.replace(answer.data.state);
    else this.receive(answer.data.events);
    this.notify();
  }

  /** Messages from several server processes may cross: the furthest head wins. */
  private keepHead(head: LogHead): void {
    if (!this.head || head.seq >= this.head.seq) this.head = head;
  }

  private receive(events: readonly MeetingEvent[]): void {
    const state = this.state;
    if (!state) return;
    let next = state;
    for (const event of [...events].sort((a, b) => a.seq - b.seq)) {
      if (event.seq <= next.seq) continue; // already applied
      if (event.seq !== next.seq + 1) {
        // A gap: some event never reached us. Ask for what we miss.
        this.joining = this.join();
        break;
      }
      next = apply(next, event);
    }
    if (next !== state) this.replace(next);
  }

  private replace(state: MeetingState): void {
    this.state = state;
    for (const listener of this.listeners) listener(state);
    this.notify();
  }

  private notify(): void {
    for (const watcher of this.watchers) watcher();
  }
}

/** The server refused to let us follow the meeting. */
export class MeetingRefused extends Error {
  readonly error: WireError;
  constructor(error: WireError) {
    super(error.message);
    this.error = error;
  }
}
