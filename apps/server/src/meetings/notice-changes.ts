import { EventEmitter } from 'node:events';
import type { Actor, MeetingTarget } from '@hopxa/domain';

/**
 * Tells the realtime side that a convened meeting's setup changed over HTTP (its title,
 * time or place, a paper filed or withdrawn): the meeting engine then records the notice as
 * it now stands (`amend_notice`, NT2) for the actor who changed it, and the members are told.
 */
export class NoticeChanges extends EventEmitter<{
  changed: [target: MeetingTarget, actor: Actor];
}> {
  changed(target: MeetingTarget, actor: Actor): void {
    this.emit('changed', target, actor);
  }
}
