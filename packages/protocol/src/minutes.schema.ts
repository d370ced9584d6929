import { z } from 'zod';
import { textProblem } from './typed-text.ts';

/** A writer of the minutes: the editor's collab client id, plain characters only. */
const clientId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/);

/** Every string inside a value, however deep: the text a step would put in the minutes. */
function stringsOf(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(stringsOf);
  if (typeof value === 'object' && value !== null) return Object.values(value).flatMap(stringsOf);
  return [];
}

/**
 * No control character, half surrogate or direction override anywhere in a step (a space
 * alone is fine: it is typed one key at a time).
 */
const typedSteps = z
  .array(z.record(z.string(), z.unknown()))
  .min(1)
  .max(500)
  .refine(
    (steps) =>
      stringsOf(steps).every((text) => {
        const problem = textProblem(text);
        return problem === null || problem === 'invisible';
      }),
    { message: 'Có ký tự không hợp lệ trong biên bản (a character not allowed in the minutes)' },
  );

/** `minutes:join`: read the minutes as they stand (a reader joins the meeting's room first). */
export const minutesJoinRequestSchema = z.strictObject({ meetingId: z.uuid() });

/** `minutes:since`: the steps after `version`, to catch up after a refusal or a lost line. */
export const minutesSinceRequestSchema = z.strictObject({
  meetingId: z.uuid(),
  version: z.number().int().min(0),
});

/**
 * `minutes:steps`: a secretary's batch of editor steps written on top of `version`. The
 * batch id is made once per batch: a resend after a lost answer carries it, and is answered
 * without applying the steps twice. Each step is checked by applying it on the server.
 */
export const minutesStepsRequestSchema = z.strictObject({
  meetingId: z.uuid(),
  batchId: z.uuid(),
  version: z.number().int().min(0),
  clientId,
  steps: typedSteps,
});

/** One accepted step and who wrote it; `server` for the proceedings the record writes. */
export type MinutesStep = { readonly step: unknown; readonly clientId: string };

/** The minutes as they stand: the document (ProseMirror JSON) at `version`. */
export type MinutesData = { readonly version: number; readonly doc: unknown };

/** Steps after a version, in order; `version` is the last one's. */
export type MinutesStepsData = { readonly version: number; readonly steps: readonly MinutesStep[] };

/** `minutes:steps` from the server to a meeting's room: steps accepted, in order, ending at `version`. */
export type MinutesStepsMessage = MinutesStepsData & { readonly meetingId: string };
