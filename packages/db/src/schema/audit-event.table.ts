import { bigserial, index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { accounts } from './account.table.ts';
import { organisations } from './organisation.table.ts';

/** Who did what, when: every sign-in, pairing, revocation and setup change. */
export const auditEvents = pgTable(
  'audit_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    actorAccountId: uuid('actor_account_id').references(() => accounts.id),
    organisationId: uuid('organisation_id').references(() => organisations.id),
    action: text('action').notNull(),
    targetType: text('target_type'),
    targetId: text('target_id'),
    /** What changed, never a secret. */
    detail: jsonb('detail').$type<Record<string, unknown>>(),
    address: text('address'),
  },
  (table) => [index('audit_events_organisation_idx').on(table.organisationId, table.at)],
);
