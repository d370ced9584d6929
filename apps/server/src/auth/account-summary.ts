import type { Database } from '@hopxa/db';
import { can, type Actor } from '@hopxa/domain';
import type { AccountSummary } from '@hopxa/protocol';
import { findProvinceTarget } from './authorize.ts';
import type { Account } from './session.service.ts';

/**
 * What pages may know of an account (never its hash): whether this is a paired tablet, and
 * the province whose board it sees, so its pages lead there without guessing from its role.
 */
export async function accountSummary(
  db: Database,
  account: Account,
  actor: Actor,
  tablet: boolean,
): Promise<AccountSummary> {
  return {
    tablet,
    id: account.id,
    displayName: account.displayName,
    role: account.role,
    organisationId: account.organisationId,
    personId: account.personId,
    boardProvinceId: await boardProvinceOf(db, actor),
  };
}

/** The actor's own province when the domain lets it see that province's board (B3). */
async function boardProvinceOf(db: Database, actor: Actor): Promise<string | null> {
  if (actor.organisationId === null) return null;
  const province = await findProvinceTarget(db, actor.organisationId);
  return province && can(actor, 'board.view', province) ? province.organisationId : null;
}
