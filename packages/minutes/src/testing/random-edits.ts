// What tests of the minutes share: a repeatable random stream, and a secretary's edits.
import type { EditorState } from '@tiptap/pm/state';

/** A repeatable stream of numbers in [0, 1), so a failing run can be run again. */
export function seeded(seed: number): () => number {
  let value = seed >>> 0;
  return () => {
    value = (value + 0x6d2b79f5) >>> 0;
    let mixed = Math.imul(value ^ (value >>> 15), 1 | value);
    mixed = (mixed + Math.imul(mixed ^ (mixed >>> 7), 61 | mixed)) ^ mixed;
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS = [
  'Đại biểu ',
  'thống nhất ',
  'thông qua ',
  'ý kiến ',
  'Ủy ban ',
  'phường ',
  'tờ trình ',
];

/** An insert, a delete or a new paragraph at a random place in the text, as a secretary types. */
export function randomEdit(state: EditorState, random: () => number): EditorState {
  const positions: number[] = [];
  state.doc.descendants((node, pos) => {
    if (node.isTextblock)
      for (let at = 0; at <= node.content.size; at += 1) positions.push(pos + 1 + at);
    return !node.isTextblock;
  });
  const at = positions[Math.floor(random() * positions.length)];
  if (at === undefined) return state;
  const end = state.doc.resolve(at).end();
  if (random() < 0.35 && end > at) {
    const to = Math.min(end, at + 1 + Math.floor(random() * 6));
    return state.apply(state.tr.delete(at, to));
  }
  if (random() < 0.1) return state.apply(state.tr.split(at));
  return state.apply(state.tr.insertText(WORDS[Math.floor(random() * WORDS.length)] ?? '', at));
}
