import { EditorState } from '@tiptap/pm/state';
import { Step, Transform } from '@tiptap/pm/transform';
import { collab, getVersion, receiveTransaction, sendableSteps } from 'prosemirror-collab';
import { describe, expect, it } from 'vitest';
import { MinutesAuthority, type StepRecord } from './minutes-authority.ts';
import { minutesSchema } from './minutes-schema.ts';
import { randomEdit, seeded } from './testing/random-edits.ts';

/** A secretary's editor: its state with the collab plugin, and the steps it has yet to hear. */
type Writer = { state: EditorState; readonly inbox: StepRecord[] };

function writer(authority: MinutesAuthority, clientID: string): Writer {
  return {
    state: EditorState.create({
      doc: authority.doc,
      plugins: [collab({ version: authority.version, clientID })],
    }),
    inbox: [],
  };
}

/** A writer sends what it has; accepted steps go to every writer, itself included. */
function send(authority: MinutesAuthority, from: Writer, writers: readonly Writer[]): void {
  const sendable = sendableSteps(from.state);
  if (!sendable) return;
  const result = authority.receive(
    sendable.version,
    sendable.steps.map((step) => step.toJSON()),
    String(sendable.clientID),
  );
  if (result.ok) for (const each of writers) each.inbox.push(...result.accepted);
}

/** A writer hears every step it has been sent, in order. */
function deliver(to: Writer): void {
  if (to.inbox.length === 0) return;
  const records = to.inbox.splice(0);
  to.state = to.state.apply(
    receiveTransaction(
      to.state,
      records.map((record) => Step.fromJSON(minutesSchema, record.step)),
      records.map((record) => record.clientId),
    ),
  );
}

/** The server writes a block of the proceedings at the end, as its own step. */
function proceedings(authority: MinutesAuthority, writers: readonly Writer[], text: string) {
  const block = minutesSchema.nodes.proceedings?.create({ source: 'poll:1', text });
  if (!block) throw new Error('no proceedings node');
  const step = new Transform(authority.doc).insert(authority.doc.content.size, block).steps[0];
  const result = authority.receive(authority.version, [step?.toJSON()], 'server');
  if (result.ok) for (const each of writers) each.inbox.push(...result.accepted);
}

describe('the minutes written by two secretaries at once', () => {
  for (const seed of [1, 2, 3]) {
    it(`converge after 2 x 200 interleaved inserts and deletes with the server's proceedings blocks (seed ${seed})`, () => {
      const random = seeded(seed);
      const authority = new MinutesAuthority();
      const writers = [writer(authority, 'secretary-1'), writer(authority, 'secretary-2')];
      for (let round = 0; round < 400; round += 1) {
        const current = writers[round % 2] as Writer;
        current.state = randomEdit(current.state, random);
        if (random() < 0.5) send(authority, current, writers);
        if (random() < 0.4) deliver(writers[Math.floor(random() * 2)] as Writer);
        if (round % 80 === 40) proceedings(authority, writers, `Kết quả biểu quyết lần ${round}`);
      }
      // Everything still unsent or unheard goes through, as when the line settles.
      for (let pass = 0; pass < 10; pass += 1)
        for (const each of writers) {
          deliver(each);
          send(authority, each, writers);
        }
      for (const each of writers) deliver(each);
      for (const each of writers) {
        expect(sendableSteps(each.state)).toBeNull();
        expect(getVersion(each.state)).toBe(authority.version);
        expect(each.state.doc.eq(authority.doc)).toBe(true);
      }
      expect(authority.version).toBeGreaterThan(300);
      const blocks: string[] = [];
      authority.doc.descendants((node) => {
        if (node.type.name === 'proceedings') blocks.push(String(node.attrs.text));
      });
      expect(blocks).toEqual([
        'Kết quả biểu quyết lần 40',
        'Kết quả biểu quyết lần 120',
        'Kết quả biểu quyết lần 200',
        'Kết quả biểu quyết lần 280',
        'Kết quả biểu quyết lần 360',
      ]);
    });
  }

  it('keeps and passes on a step as the schema reads it, never what a writer sent beside it', () => {
    const authority = new MinutesAuthority();
    const step = new Transform(authority.doc).insert(1, minutesSchema.text('Khai mạc')).steps[0];
    const stuffed = { ...(step?.toJSON() as object), junk: 'x'.repeat(100_000), '\u202Ekey': 1 };
    const received = authority.receive(0, [stuffed], 'a');
    expect(received).toMatchObject({ ok: true, version: 1 });
    const kept = JSON.stringify(authority.since(0));
    expect(kept).not.toContain('junk');
    expect(kept).not.toContain('\u202E');
    expect(kept.length).toBeLessThan(300);
    expect(authority.since(0)?.[0]?.step).toEqual(step?.toJSON());
  });

  it('refuses a batch written on an old version, and a step that does not apply, keeping nothing', () => {
    const authority = new MinutesAuthority();
    const first = new Transform(authority.doc)
      .insert(1, minutesSchema.text('Khai mạc'))
      .steps[0]?.toJSON();
    expect(authority.receive(0, [first], 'a')).toMatchObject({ ok: true, version: 1 });
    expect(authority.receive(0, [first], 'b')).toEqual({ ok: false, reason: 'stale', version: 1 });
    const outside = { stepType: 'replace', from: 999, to: 1000 };
    expect(authority.receive(1, [outside], 'a')).toEqual({
      ok: false,
      reason: 'invalid',
      version: 1,
    });
    expect(authority.receive(1, [{ stepType: 'nonsense' }], 'a')).toMatchObject({ ok: false });
    expect(authority.version).toBe(1);
    expect(authority.since(0)).toHaveLength(1);
    expect(authority.doc.textContent).toBe('Khai mạc');
  });
});
