import type { Node } from '@tiptap/pm/model';
import { Step } from '@tiptap/pm/transform';
import { minutesSchema } from './minutes-schema.ts';

/** How many of the latest steps an authority keeps in memory; older ones are in the database. */
const KEPT_STEPS = 1000;

/** One accepted step: its JSON, and which writer sent it (the server for proceedings). */
export type StepRecord = { readonly step: unknown; readonly clientId: string };

export type Received =
  | { readonly ok: true; readonly version: number; readonly accepted: readonly StepRecord[] }
  /** The writer has not seen every step yet: it takes those since its version and rebases. */
  | { readonly ok: false; readonly reason: 'stale'; readonly version: number }
  /** A step that does not parse or apply to the document: refused whole, nothing kept. */
  | { readonly ok: false; readonly reason: 'invalid'; readonly version: number };

/**
 * Steps as the schema reads them, back to JSON: what a writer sent beyond a step's own
 * fields (a stray key, a long value) is dropped, never stored or passed on. Null when one
 * is not a step of the minutes.
 */
export function normalizedSteps(steps: readonly unknown[]): unknown[] | null {
  return parsedSteps(steps)?.map((step) => step.toJSON() as unknown) ?? null;
}

function parsedSteps(steps: readonly unknown[]): Step[] | null {
  try {
    return steps.map((json) => Step.fromJSON(minutesSchema, json));
  } catch {
    return null;
  }
}

/**
 * Orders the writers' steps, as prosemirror-collab's central authority: a batch is accepted
 * only on top of the current version, each step checked by applying it, and gets the next
 * versions in order. Pure and in memory: the caller makes accepted steps durable before it
 * answers the writer.
 */
export class MinutesAuthority {
  #doc: Node;
  #version: number;
  /** The latest accepted steps (at most `KEPT_STEPS`), from version `#first` on, for writers catching up. */
  #steps: StepRecord[];
  #first: number;

  constructor(doc: Node = minutesSchema.topNodeType.createAndFill() as Node, version = 0) {
    this.#doc = doc;
    this.#version = version;
    this.#steps = [];
    this.#first = version;
  }

  get doc(): Node {
    return this.#doc;
  }

  get version(): number {
    return this.#version;
  }

  /** Takes `steps` written on top of `version`, or says why not. */
  receive(version: number, steps: readonly unknown[], clientId: string): Received {
    if (version !== this.#version) return { ok: false, reason: 'stale', version: this.#version };
    const parsed = parsedSteps(steps);
    if (!parsed) return { ok: false, reason: 'invalid', version: this.#version };
    let doc = this.#doc;
    try {
      for (const step of parsed) {
        const applied = step.apply(doc);
        if (!applied.doc) return { ok: false, reason: 'invalid', version: this.#version };
        doc = applied.doc;
      }
    } catch {
      return { ok: false, reason: 'invalid', version: this.#version };
    }
    // Stored and passed on as the schema reads them, never as the writer sent them.
    const accepted = parsed.map((step) => ({ step: step.toJSON() as unknown, clientId }));
    this.#doc = doc;
    this.#version += steps.length;
    this.#steps.push(...accepted);
    // A meeting's minutes are held for the life of the process: keep only the recent steps.
    const excess = this.#steps.length - KEPT_STEPS;
    if (excess > 0) {
      this.#steps.splice(0, excess);
      this.#first += excess;
    }
    return { ok: true, version: this.#version, accepted };
  }

  /** The steps after `version`, or null when they are older than this authority keeps. */
  since(version: number): readonly StepRecord[] | null {
    if (version < this.#first || version > this.#version) return null;
    return this.#steps.slice(version - this.#first);
  }
}
