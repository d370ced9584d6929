import { canonicalJson } from '../canonical-json.ts';
import type { Ballot, Candidate } from './poll.ts';
import { canonicalBallot } from './poll.ts';

/**
 * What a command is, for telling a resend from another command under the same id (rule
 * I1): the command exactly as the client sent it, in canonical form.
 */
export function commandFingerprint(command: unknown): string {
  return canonicalJson(command);
}

/**
 * I1: a command id seen before answers with the first answer only when it is the same
 * command from the same account (a resend after a lost answer); anything else under a used
 * id is refused, and nothing runs.
 */
export function repeatedCommand(
  first: { readonly accountId: string | null; readonly fingerprint: string },
  again: { readonly accountId: string | null; readonly fingerprint: string },
): 'replay' | 'command_id_reused' {
  return first.accountId === again.accountId && first.fingerprint === again.fingerprint
    ? 'replay'
    : 'command_id_reused';
}

/**
 * I2: a ballot sent again under its cast id is the same ballot resent (answered as
 * recorded, counted once); a different ballot under a used cast id is refused, and the first
 * stays the one counted. An election's names are compared in the poll's order.
 */
export function repeatedBallot(
  first: Ballot,
  again: Ballot,
  candidates: readonly Candidate[],
): 'replayed' | 'cast_id_reused' {
  return canonicalJson(canonicalBallot(first, candidates)) ===
    canonicalJson(canonicalBallot(again, candidates))
    ? 'replayed'
    : 'cast_id_reused';
}
