import type { AccountSummary } from '@hopxa/protocol';
import type { Account } from './session.service.ts';

/** What pages may know of an account (never its hash), and whether this is a paired tablet. */
export function accountSummary(account: Account, tablet: boolean): AccountSummary {
  return {
    tablet,
    id: account.id,
    displayName: account.displayName,
    role: account.role,
    organisationId: account.organisationId,
    personId: account.personId,
  };
}
