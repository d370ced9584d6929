import type { MeetingState } from '@hopxa/domain';
import { documentSha256, type MinutesStore } from './minutes-store.ts';

/** The submitted minutes against the record: none yet, as submitted, or changed since. */
export type SubmittedMinutes =
  | { readonly kind: 'none' }
  | { readonly kind: 'intact'; readonly doc: unknown }
  | { readonly kind: 'altered' };

/**
 * The minutes as submitted, checked against the SHA-256 the log recorded at submission,
 * replayed both ways the server reads them (from the latest snapshot, and from the first
 * step): a step or a snapshot changed outside the system shows as `altered`. The SHA-256 is
 * in the log's keyed chain, so it cannot be rewritten to match without the server's key.
 */
export async function submittedMinutes(
  store: MinutesStore,
  state: MeetingState,
): Promise<SubmittedMinutes> {
  const { submission } = state.minutes;
  if (!submission) return { kind: 'none' };
  const { meetingId } = state.target;
  const served = await store.documentAt(meetingId, submission.version);
  const replayed = await store.documentAt(meetingId, submission.version, { fromStart: true });
  const intact = [served, replayed].every(
    (doc) => doc !== null && documentSha256(doc) === submission.sha256,
  );
  return intact ? { kind: 'intact', doc: served } : { kind: 'altered' };
}
