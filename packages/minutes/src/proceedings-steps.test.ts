import type { Node } from '@tiptap/pm/model';
import { Transform, type Step } from '@tiptap/pm/transform';
import { describe, expect, it } from 'vitest';
import { minutesSchema } from './minutes-schema.ts';
import { proceedingsSteps } from './proceedings-steps.ts';

/** `doc` with `steps` applied in order, each one checked. */
function applied(doc: Node, steps: readonly Step[]): Node {
  return steps.reduce((current, step) => {
    const result = step.apply(current);
    if (!result.doc) throw new Error(result.failed ?? 'step failed');
    return result.doc;
  }, doc);
}

describe("the record's proceedings in the minutes", () => {
  it('adds the blocks the minutes lack, refreshes one whose text changed, and leaves the rest alone', () => {
    const empty = minutesSchema.topNodeType.createAndFill();
    if (!empty) throw new Error('no empty document');
    const typed = new Transform(empty).insert(1, minutesSchema.text('Ý kiến: nhất trí.')).doc;
    const first = applied(
      typed,
      proceedingsSteps(typed, [
        { source: 'opening', text: 'Khai mạc lúc 08:00.' },
        { source: 'attendance', text: 'Có mặt 4.' },
      ]),
    );
    expect(first.textContent).toBe('Ý kiến: nhất trí.');
    expect(
      proceedingsSteps(first, [
        { source: 'opening', text: 'Khai mạc lúc 08:00.' },
        { source: 'attendance', text: 'Có mặt 4.' },
      ]),
    ).toEqual([]);
    const second = applied(
      first,
      proceedingsSteps(first, [
        { source: 'opening', text: 'Khai mạc lúc 08:00.' },
        { source: 'attendance', text: 'Có mặt 5.' },
        { source: 'poll:1', text: 'Kết quả: thông qua.' },
      ]),
    );
    const blocks: string[] = [];
    second.descendants((node) => {
      if (node.type.name === 'proceedings')
        blocks.push(`${String(node.attrs.source)}=${String(node.attrs.text)}`);
    });
    expect(blocks).toEqual([
      'opening=Khai mạc lúc 08:00.',
      'attendance=Có mặt 5.',
      'poll:1=Kết quả: thông qua.',
    ]);
    expect(second.textContent).toBe('Ý kiến: nhất trí.');
  });
});
