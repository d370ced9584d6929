import type { Node } from '@tiptap/pm/model';
import { Transform, type Step } from '@tiptap/pm/transform';
import { minutesSchema } from './minutes-schema.ts';

/** A block of the proceedings as the record gives it, found again by its source. */
export type ProceedingsText = { readonly source: string; readonly text: string };

/**
 * The server's steps that bring the minutes' proceedings in line with the record: a block
 * missing is added at the end, a block whose text changed is refreshed where the secretaries
 * put it; nothing they wrote is touched. No steps when the minutes already agree.
 */
export function proceedingsSteps(doc: Node, blocks: readonly ProceedingsText[]): Step[] {
  const placed = new Map<string, { pos: number; text: string }>();
  doc.descendants((node, pos) => {
    if (node.type.name === 'proceedings')
      placed.set(String(node.attrs.source), { pos, text: String(node.attrs.text) });
  });
  const transform = new Transform(doc);
  for (const block of blocks) {
    const found = placed.get(block.source);
    if (!found) {
      const node = minutesSchema.nodes.proceedings?.create(block);
      if (node) transform.insert(transform.doc.content.size, node);
    } else if (found.text !== block.text) {
      transform.setNodeAttribute(transform.mapping.map(found.pos), 'text', block.text);
    }
  }
  return transform.steps;
}
