import { Node, getSchema, mergeAttributes } from '@tiptap/core';
import StarterKit from '@tiptap/starter-kit';

/**
 * A block of the proceedings the server writes from the record (the opening, the roll call,
 * a result): the secretaries move it and write around it, never inside it, and the server
 * refreshes it while its source in the record changes before sign-off.
 */
export const Proceedings = Node.create({
  name: 'proceedings',
  group: 'block',
  atom: true,
  selectable: true,
  draggable: true,
  addAttributes() {
    return {
      /** What in the record it is written from, e.g. "attendance" or "poll:<id>". */
      source: { default: '' },
      /** Its text, as the record gives it. */
      text: { default: '' },
    };
  },
  parseHTML() {
    return [{ tag: 'section[data-proceedings]' }];
  },
  renderHTML({ node, HTMLAttributes }) {
    return [
      'section',
      mergeAttributes(HTMLAttributes, { 'data-proceedings': String(node.attrs.source) }),
      String(node.attrs.text),
    ];
  },
});

/** The editor's extensions: the server builds the same schema from them, so both agree. */
export const MINUTES_EXTENSIONS = [StarterKit, Proceedings];

/** The minutes' document schema, shared by every editor and the server that orders steps. */
export const minutesSchema = getSchema(MINUTES_EXTENSIONS);
