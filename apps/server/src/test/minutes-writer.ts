import { randomUUID } from 'node:crypto';
import type { MeetingClient } from '@hopxa/client';
import { minutesSchema } from '@hopxa/minutes';
import { EditorState } from '@tiptap/pm/state';
import { Step } from '@tiptap/pm/transform';
import { collab, getVersion, receiveTransaction, sendableSteps } from 'prosemirror-collab';
import { expect } from 'vitest';

/** A secretary's editor in a test: its state, and how it talks to the server. */
export type MinutesWriter = {
  state: EditorState;
  /** Catches up with the steps the server holds after this editor's version. */
  pull(): Promise<void>;
  /** Sends what it has; refused as stale, it catches up and the steps go next time. */
  push(): Promise<void>;
};

/**
 * A secretary's editor over its own (started) connection to `meetingId`'s minutes, as the
 * web client runs prosemirror-collab: it catches up by asking for what it missed.
 */
export async function minutesWriter(
  client: MeetingClient,
  meetingId: string,
  clientID: string,
): Promise<MinutesWriter> {
  const joined = await client.socket.emitWithAck('minutes:join', { meetingId });
  if (!joined.ok) throw new Error(joined.error.code);
  const writer: MinutesWriter = {
    state: EditorState.create({
      doc: minutesSchema.nodeFromJSON(joined.data.doc),
      plugins: [collab({ version: joined.data.version, clientID })],
    }),
    async pull() {
      const since = await client.socket.emitWithAck('minutes:since', {
        meetingId,
        version: getVersion(writer.state),
      });
      if (!since.ok) throw new Error(since.error.code);
      if (since.data.steps.length === 0) return;
      writer.state = writer.state.apply(
        receiveTransaction(
          writer.state,
          since.data.steps.map((record) => Step.fromJSON(minutesSchema, record.step)),
          since.data.steps.map((record) => record.clientId),
        ),
      );
    },
    async push() {
      const sendable = sendableSteps(writer.state);
      if (!sendable) return;
      const answer = await client.socket.emitWithAck('minutes:steps', {
        meetingId,
        batchId: randomUUID(),
        version: sendable.version,
        clientId: String(sendable.clientID),
        steps: sendable.steps.map((step) => step.toJSON() as Record<string, unknown>),
      });
      if (!answer.ok) expect(answer.error.code).toBe('minutes_stale');
      await writer.pull();
    },
  };
  return writer;
}
