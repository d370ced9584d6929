import type { MeetingCommandInput } from '@hopxa/protocol';
import type { MeetingSession } from './meeting-session.svelte.ts';

/** The parts of the presiding officer's console a command can come from. */
export type ConsolePlace =
  | 'sitting'
  | 'item'
  | 'agenda'
  | 'poll'
  | 'speakers'
  | 'tellers'
  | 'designation'
  | 'results'
  | 'video';

/**
 * Sends the console's commands and keeps the last refusal with the part of the console that
 * caused it, so the server's sentence shows beside the control that was pressed.
 */
export class ConsoleActions {
  refusal = $state<{ place: ConsolePlace; message: string } | null>(null);

  readonly #session: MeetingSession;
  readonly #notDelivered: () => string;

  constructor(session: MeetingSession, notDelivered: () => string) {
    this.#session = session;
    this.#notDelivered = notDelivered;
  }

  /** Sends `command` from `place`; true once the server has it. */
  async run(place: ConsolePlace, command: MeetingCommandInput): Promise<boolean> {
    const message = await this.#session.attempt(command, this.#notDelivered());
    this.refusal = message ? { place, message } : null;
    return message === '';
  }

  /**
   * Takes up an item from `place`; the item in progress is closed as done first, once the
   * presiding officer agrees to `confirmSwitch`.
   */
  async takeUp(
    place: ConsolePlace,
    itemId: string,
    confirmSwitch: (current: string) => boolean,
  ): Promise<void> {
    const current = this.#session.currentItem;
    if (current) {
      if (!confirmSwitch(current.title)) return;
      if (!(await this.run(place, { type: 'close_item', itemId: current.id, outcome: 'done' })))
        return;
    }
    await this.run(place, { type: 'set_current_item', itemId });
  }

  /** The refusal to show at `place`, or ''. */
  at(place: ConsolePlace): string {
    return this.refusal?.place === place ? this.refusal.message : '';
  }
}
