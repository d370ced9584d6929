import { schema, type Database } from '@hopxa/db';
import { DEFAULT_BODY_RULES } from '@hopxa/domain';
import type { createBodyRequestSchema, updateBodyRequestSchema } from '@hopxa/protocol';
import { eq } from 'drizzle-orm';
import type { z } from 'zod';
import { auditEntry, recordAudit, type AuditActor } from '../audit/audit.service.ts';
import { HttpError } from '../http/http-error.ts';
import { checkStatutorySize, lockBody, type SizeCheck } from './statutory-size.service.ts';

/** Creates a commune's body of a kind it does not have yet, with that kind's default rules. */
export async function createBody(
  db: Database,
  actor: AuditActor,
  organisationId: string,
  input: z.infer<typeof createBodyRequestSchema>,
): Promise<{ id: string }> {
  return db.transaction(async (tx) => {
    const [body] = await tx
      .insert(schema.bodies)
      .values({ ...input, organisationId, rules: DEFAULT_BODY_RULES[input.kind] })
      .onConflictDoNothing()
      .returning({ id: schema.bodies.id });
    if (!body) throw new HttpError(409, 'body_kind_exists');
    await recordAudit(tx, auditEntry(actor, 'body.create', { type: 'body', id: body.id }, input));
    return body;
  });
}

/** Renames a body, resizes it (never below its members in office) or relabels its votes. */
export async function updateBody(
  db: Database,
  actor: AuditActor,
  bodyId: string,
  input: z.infer<typeof updateBodyRequestSchema>,
  check: SizeCheck,
): Promise<void> {
  await db.transaction(async (tx) => {
    const body = await lockBody(tx, bodyId);
    if (input.statutorySize !== undefined) {
      const resized = { id: body.id, statutorySize: input.statutorySize };
      await checkStatutorySize(tx, resized, check.today, check.language, { adding: [] });
    }
    await tx
      .update(schema.bodies)
      .set({
        ...(input.name !== undefined && { name: input.name }),
        ...(input.statutorySize !== undefined && { statutorySize: input.statutorySize }),
        ...(input.voteLabels !== undefined && {
          rules: { ...body.rules, voteLabels: input.voteLabels },
        }),
      })
      .where(eq(schema.bodies.id, body.id));
    await recordAudit(tx, auditEntry(actor, 'body.update', { type: 'body', id: body.id }, input));
  });
}
