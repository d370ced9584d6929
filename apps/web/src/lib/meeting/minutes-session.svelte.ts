import { page } from '$app/state';
import type { MeetingClient } from '@hopxa/client';
import { MINUTES_EXTENSIONS, minutesSchema } from '@hopxa/minutes';
import type { MinutesStep, MinutesStepsMessage } from '@hopxa/protocol';
import { Editor, Extension } from '@tiptap/core';
import type { Node } from '@tiptap/pm/model';
import { Step } from '@tiptap/pm/transform';
import { collab, getVersion, receiveTransaction, sendableSteps } from 'prosemirror-collab';
import { z } from 'zod';

/** How long to wait for the server before a request is tried again on the next change. */
const ANSWER_TIMEOUT_MS = 5000;
/** How long a reopened page waits for the page that kept the edits to let go of them. */
const HANDOVER_MS = 2000;

/**
 * A secretary's edits the server has not confirmed, kept in this browser so that a reload or
 * a closed page does not lose them: the server's document at `version`, this editor's steps
 * on top of it, and its collab id. Reopened under that id, the editor takes steps the server
 * did accept before the page closed as its own, confirmed, not applied twice.
 */
const keptSchema = z.object({
  version: z.number().int().min(0),
  doc: z.unknown(),
  steps: z.array(z.unknown()).min(1),
  clientID: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/),
});
type Kept = z.infer<typeof keptSchema>;

/** What this browser keeps under `key`, or null: nothing, or nothing this code wrote. */
function readKept(key: string): Kept | null {
  try {
    return keptSchema.parse(JSON.parse(localStorage.getItem(key) ?? 'null'));
  } catch {
    return null;
  }
}

/** `step` applied to `doc`; throws if it does not apply. */
function applied(doc: Node, step: Step): Node {
  const result = step.apply(doc);
  if (!result.doc) throw new Error(result.failed ?? 'the step does not apply');
  return result.doc;
}

/**
 * Whether kept edits can be taken back: their steps apply to their document, and the
 * server's steps since their version take that document to the server's as it stands, so
 * it truly was the server's (not another meeting's, nor minutes since reset).
 */
function fits(kept: Kept, since: readonly MinutesStep[], server: { version: number; doc: Node }) {
  const missed = server.version - kept.version;
  if (missed < 0 || since.length < missed) return false;
  try {
    const doc = minutesSchema.nodeFromJSON(kept.doc);
    doc.check();
    const parse = (json: unknown) => Step.fromJSON(minutesSchema, json);
    kept.steps.map(parse).reduce(applied, doc);
    return since
      .slice(0, missed)
      .map((record) => parse(record.step))
      .reduce(applied, doc)
      .eq(server.doc);
  } catch {
    return false;
  }
}

/**
 * The meeting's minutes in a Tiptap editor, kept in step with the server over the meeting's
 * own connection: this editor's steps go as batches (each with an id, so a resend is not
 * applied twice), everyone's come back in the server's order, and a batch refused as stale
 * is sent again once this editor has caught up. Edits made offline stay in the editor and go
 * when the line is back; on a secretary's page they are also kept in the browser until
 * confirmed, and a reopened page takes them back.
 */
export class MinutesSession {
  /** Steps written here that the server has not confirmed yet. */
  unsent = $state(0);
  /** The server's version this editor stands at: what a submission of the minutes is of. */
  version = $state(0);
  /** Edits kept by a closed page could not be applied and were dropped: the screen may say so. */
  dropped = $state(false);
  /** The minutes are open in the editor: until then nothing is "saved" to speak of. */
  loaded = $state(false);
  readonly #client: MeetingClient;
  #clientId: string = crypto.randomUUID();
  #editor: Editor | null = null;
  /** A secretary's page: it writes, so it keeps its unconfirmed edits in the browser. */
  #writer = false;
  /** Typing allowed, as the screen last said (the minutes lock once submitted). */
  #typing = true;
  #destroyed = false;
  /** The batch in flight: the same id is sent again until the server answers it. */
  #batch: { id: string; version: number } | null = null;
  /**
   * The server's document at this editor's collab version: the joined one with every step
   * received since applied in order. Kept edits are stored as steps on top of it.
   */
  #confirmed: Node | null = null;
  /** What the kept edits were last written from: a selection moving changes neither. */
  #keptFrom: { doc: Node; version: number } | null = null;
  /** Lets go of this writer's lock (see `#hold`). */
  #release = () => {};

  constructor(client: MeetingClient) {
    this.#client = client;
  }

  /** Opens the minutes in `element`: writable for a secretary, else read-only and live. */
  async attach(element: HTMLElement, editable: boolean, label: string): Promise<void> {
    const socket = this.#client.socket;
    const joined = await socket
      .timeout(ANSWER_TIMEOUT_MS)
      .emitWithAck('minutes:join', { meetingId: this.#client.meetingId });
    if (!joined.ok) throw new Error(joined.error.message);
    const server = {
      version: joined.data.version,
      doc: minutesSchema.nodeFromJSON(joined.data.doc),
    };
    // Only a secretary's page writes, so only it keeps edits and takes them back.
    const kept = editable ? await this.#reclaim(server) : null;
    if (this.#destroyed) return;
    this.#writer = editable;
    if (kept) this.#clientId = kept.clientID;
    else if (editable) void this.#hold(this.#clientId);
    const clientID = this.#clientId;
    const version = kept?.version ?? server.version;
    const editor = new Editor({
      element,
      editable: editable && this.#typing,
      extensions: [
        ...MINUTES_EXTENSIONS,
        Extension.create({
          name: 'collabWithServer',
          addProseMirrorPlugins: () => [collab({ version, clientID })],
        }),
      ],
      content: (kept?.doc ?? joined.data.doc) as object,
      editorProps: {
        // A function, so that `aria-readonly` follows `setEditable`.
        attributes: () => ({
          role: 'textbox',
          'aria-multiline': 'true',
          'aria-label': label,
          'aria-readonly': String(!(editable && this.#typing)),
        }),
      },
      onTransaction: () => {
        this.#update();
        void this.#push();
      },
    });
    this.#confirmed = editor.state.doc;
    if (kept) {
      // The kept steps become this editor's unconfirmed ones again. Nothing is sent yet
      // (`#editor` is still unset): they go once caught up below.
      const restore = editor.state.tr.setMeta('addToHistory', false);
      for (const step of kept.steps) restore.step(Step.fromJSON(editor.schema, step));
      editor.view.dispatch(restore);
    }
    this.#editor = editor;
    this.loaded = true;
    // The server's steps since the kept version: those this id sent before the page closed
    // are confirmed as this editor's own, the rest rebase the kept steps still unsent.
    if (kept) this.#receive(kept.version, kept.since);
    this.#update();
    void this.#push();
    socket.on('minutes:steps', this.#heard);
    socket.on('connect', this.#reconnected);
    // Steps the room heard between the join's answer and now: asked for, not waited for.
    void this.#pull();
  }

  /**
   * Allows typing or not (the minutes lock once submitted). Edits the lock held back go
   * when the minutes are open again (returned to the secretaries).
   */
  setEditable(editable: boolean): void {
    this.#typing = editable;
    this.#editor?.setEditable(editable);
    if (editable) void this.#push();
  }

  destroy(): void {
    this.#destroyed = true;
    this.#client.socket.off('minutes:steps', this.#heard);
    this.#client.socket.off('connect', this.#reconnected);
    this.#editor?.destroy();
    this.#editor = null;
    this.#release();
  }

  /** Where this browser keeps the signed-in person's unconfirmed edits of this meeting. */
  #key(): string {
    // Every page's data says who is signed in (the root layout loads it).
    const account = page.data.account as { id?: string } | null | undefined;
    return `hopxa:minutes:${account?.id ?? ''}:${this.#client.meetingId}`;
  }

  /**
   * The edits a closed page kept, with the server's steps since their version; null when
   * there are none, while a live page of this browser still writes them, or when they cannot
   * be applied (then dropped). Rejects, keeping them, if the server cannot be asked.
   */
  async #reclaim(server: { version: number; doc: Node }) {
    const key = this.#key();
    if (localStorage.getItem(key) === null) return null;
    const kept = readKept(key);
    if (kept) {
      // Another tab of this person may still be writing under that id: two editors under one
      // id would take each other's steps for their own. That tab sends them itself.
      if (!(await this.#hold(kept.clientID, HANDOVER_MS))) return null;
      const since = await this.#since(kept.version);
      if (!since) throw new Error('minutes:since was not answered');
      if (fits(kept, since, server)) return { ...kept, since };
      this.#release();
    }
    localStorage.removeItem(key);
    this.dropped = true;
    return null;
  }

  /**
   * Holds a lock named for the collab id `clientId` while this page writes under it (until
   * `destroy` or the page goes), so another page can tell the edits kept under it are
   * live; false if it is not free within `waitMs`.
   */
  #hold(clientId: string, waitMs?: number): Promise<boolean> {
    return new Promise((held) => {
      const signal = waitMs === undefined ? {} : { signal: AbortSignal.timeout(waitMs) };
      navigator.locks
        .request(`hopxa:minutes-writer:${clientId}`, signal, () => {
          held(true);
          if (this.#destroyed) return;
          return new Promise<void>((release) => (this.#release = release));
        })
        .catch(() => held(false));
    });
  }

  #update(): void {
    const state = this.#editor?.state;
    if (!state) return;
    const sendable = sendableSteps(state);
    const version = getVersion(state);
    this.unsent = sendable?.steps.length ?? 0;
    this.version = version;
    if (!this.#writer) return;
    if (this.#keptFrom?.doc === state.doc && this.#keptFrom.version === version) return;
    this.#keptFrom = { doc: state.doc, version };
    try {
      const key = this.#key();
      if (sendable && this.#confirmed) {
        const kept: Kept = {
          version,
          doc: this.#confirmed.toJSON(),
          steps: sendable.steps.map((step) => step.toJSON()),
          clientID: this.#clientId,
        };
        localStorage.setItem(key, JSON.stringify(kept));
      } else if (readKept(key)?.clientID === this.#clientId) {
        // All confirmed; an entry under another id is another page's to clear.
        localStorage.removeItem(key);
      }
    } catch {
      // Storage full or blocked: the edits still go while this page stays open.
    }
  }

  readonly #reconnected = () => {
    this.#batch = null;
    void this.#pull().then(() => this.#push());
  };

  readonly #heard = (message: MinutesStepsMessage) => {
    if (message.meetingId !== this.#client.meetingId || !this.#editor) return;
    const at = getVersion(this.#editor.state);
    const first = message.version - message.steps.length;
    // Steps that would leave a gap are fetched in order instead; ones already here are skipped.
    if (first > at) return void this.#pull();
    this.#receive(first, message.steps);
  };

  /** Applies `steps`, the first of which makes version `first + 1`, skipping any already here. */
  #receive(first: number, steps: readonly MinutesStep[]): void {
    const editor = this.#editor;
    if (!editor || !this.#confirmed) return;
    const fresh = steps.slice(getVersion(editor.state) - first);
    if (fresh.length === 0) return;
    // Parsed with the editor's own schema: a step of another schema instance does not apply.
    const parsed = fresh.map((record) => Step.fromJSON(editor.schema, record.step));
    this.#confirmed = parsed.reduce(applied, this.#confirmed);
    // Cleared first: applying them may send this editor's next batch at once.
    this.#batch = null;
    editor.view.dispatch(
      receiveTransaction(
        editor.state,
        parsed,
        fresh.map((record) => record.clientId),
      ),
    );
  }

  /** The steps after `version`, or null if the server did not answer. */
  async #since(version: number): Promise<readonly MinutesStep[] | null> {
    const since = await this.#client.socket
      .timeout(ANSWER_TIMEOUT_MS)
      .emitWithAck('minutes:since', { meetingId: this.#client.meetingId, version })
      .catch(() => null);
    return since?.ok ? since.data.steps : null;
  }

  async #pull(): Promise<void> {
    if (!this.#editor) return;
    const from = getVersion(this.#editor.state);
    const steps = await this.#since(from);
    if (steps) this.#receive(from, steps);
  }

  async #push(): Promise<void> {
    const state = this.#editor?.state;
    const sendable = state && sendableSteps(state);
    if (!sendable || !this.#client.socket.connected) return;
    // One batch at a time; it is confirmed when its steps come back from the server.
    if (this.#batch && this.#batch.version === sendable.version) return;
    const batch = {
      id: crypto.randomUUID(),
      version: sendable.version,
    };
    this.#batch = batch;
    const answer = await this.#client.socket
      .timeout(ANSWER_TIMEOUT_MS)
      .emitWithAck('minutes:steps', {
        meetingId: this.#client.meetingId,
        batchId: batch.id,
        version: batch.version,
        clientId: String(sendable.clientID),
        steps: sendable.steps.map((step) => step.toJSON() as Record<string, unknown>),
      })
      .catch(() => null);
    // Only this batch's own marker: a later batch may be in flight by now.
    if (!answer?.ok && this.#batch === batch) this.#batch = null;
    // Taken: its steps come back to confirm it, in the room's copy that usually arrives
    // first; asked for only if it has not (lost, or from another process still on its way).
    // Behind the server: catching up rebases this editor's steps, which then go again.
    const heard = this.#editor ? getVersion(this.#editor.state) : 0;
    if ((answer?.ok && heard < answer.data.version) || answer?.error.code === 'minutes_stale')
      await this.#pull();
  }
}
