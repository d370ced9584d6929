import type { AccountSummary } from '@hopxa/protocol';
import type { Account } from './session.service.ts';

/** What pages may know of an account: never its hash. */
export function accountSummary(account: Account): AccountSummary {
  return {
    id: account.id,
    displayName: account.displayName,
    role: account.role,
    organisationId: account.organisationId,
    personId: account.personId,
  };
}
