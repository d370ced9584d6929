import { BODY_KIND_VALUES, type BodyRules } from '@hopxa/domain';
import {
  check,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  text,
  timestamp,
  unique,
  uuid,
} from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { organisations } from './organisation.table.ts';

export const bodyKind = pgEnum('body_kind', BODY_KIND_VALUES);

/** A body that holds meetings: one of a commune's councils and committees. */
export const bodies = pgTable(
  'bodies',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    kind: bodyKind('kind').notNull(),
    name: text('name').notNull(),
    /**
     * The body's size in law, as the secretariat types it: shown beside the members in office
     * and a cap on how many may be in office at once, never the base of a count (that is the
     * members in office on the day of the sitting).
     */
    statutorySize: integer('statutory_size').notNull(),
    /** Quorum, majority, tie rule and ballot labels; starts as the kind's defaults. */
    rules: jsonb('rules').$type<BodyRules>().notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    unique('bodies_organisation_kind_unique').on(table.organisationId, table.kind),
    check('bodies_statutory_size_positive', sql`${table.statutorySize} > 0`),
  ],
);
