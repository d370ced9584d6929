import type { MeetingClient } from '@hopxa/client';
import { MINUTES_EXTENSIONS, minutesSchema } from '@hopxa/minutes';
import type { MinutesStep, MinutesStepsMessage } from '@hopxa/protocol';
import { Editor, Extension } from '@tiptap/core';
import { Step } from '@tiptap/pm/transform';
import { collab, getVersion, receiveTransaction, sendableSteps } from 'prosemirror-collab';

/** How long to wait for the server before a request is tried again on the next change. */
const ANSWER_TIMEOUT_MS = 5000;

/**
 * The meeting's minutes in a Tiptap editor, kept in step with the server over the meeting's
 * own connection: this editor's steps go as batches (each with an id, so a resend is not
 * applied twice), everyone's come back in the server's order, and a batch refused as stale
 * is sent again once this editor has caught up. Edits made offline stay in the editor and go
 * when the line is back.
 */
export class MinutesSession {
  /** Steps written here that the server has not confirmed yet. */
  unsent = $state(0);
  readonly #client: MeetingClient;
  readonly #clientId = crypto.randomUUID();
  #editor: Editor | null = null;
  /** The batch in flight: the same id is sent again until the server answers it. */
  #batch: { id: string; version: number } | null = null;

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
    const clientID = this.#clientId;
    const version = joined.data.version;
    this.#editor = new Editor({
      element,
      editable,
      extensions: [
        ...MINUTES_EXTENSIONS,
        Extension.create({
          name: 'collabWithServer',
          addProseMirrorPlugins: () => [collab({ version, clientID })],
        }),
      ],
      content: joined.data.doc as object,
      editorProps: {
        attributes: {
          role: 'textbox',
          'aria-multiline': 'true',
          'aria-label': label,
          'aria-readonly': String(!editable),
        },
      },
      onTransaction: () => {
        this.#update();
        void this.#push();
      },
    });
    this.#update();
    socket.on('minutes:steps', this.#heard);
    socket.on('connect', this.#reconnected);
  }

  destroy(): void {
    this.#client.socket.off('minutes:steps', this.#heard);
    this.#client.socket.off('connect', this.#reconnected);
    this.#editor?.destroy();
    this.#editor = null;
  }

  #update(): void {
    const state = this.#editor?.state;
    if (!state) return;
    this.unsent = sendableSteps(state)?.steps.length ?? 0;
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
    if (!editor) return;
    const fresh = steps.slice(getVersion(editor.state) - first);
    if (fresh.length === 0) return;
    // Cleared first: applying them may send this editor's next batch at once.
    this.#batch = null;
    editor.view.dispatch(
      receiveTransaction(
        editor.state,
        fresh.map((record) => Step.fromJSON(minutesSchema, record.step)),
        fresh.map((record) => record.clientId),
      ),
    );
  }

  async #pull(): Promise<void> {
    if (!this.#editor) return;
    const from = getVersion(this.#editor.state);
    const since = await this.#client.socket
      .timeout(ANSWER_TIMEOUT_MS)
      .emitWithAck('minutes:since', { meetingId: this.#client.meetingId, version: from })
      .catch(() => null);
    if (since?.ok) this.#receive(from, since.data.steps);
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
    if (!answer?.ok) this.#batch = null;
    // Taken: its steps come back to confirm it (asked for, should the room's copy be lost).
    // Behind the server: catching up rebases this editor's steps, which then go again.
    if (answer?.ok || answer?.error.code === 'minutes_stale') await this.#pull();
  }
}
