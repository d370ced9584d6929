import { AGENDA_ITEM_KIND_VALUES, BODY_KIND_VALUES, MEETING_STATUS_VALUES } from '@hopxa/domain';
import { z } from 'zod';

const agendaItemSchema = z.object({
  id: z.string(),
  title: z.string(),
  kind: z.enum(AGENDA_ITEM_KIND_VALUES),
  durationMinutes: z.number().int().nonnegative(),
  children: z.array(
    z.object({
      id: z.string(),
      title: z.string(),
      kind: z.enum(AGENDA_ITEM_KIND_VALUES),
      durationMinutes: z.number().int().nonnegative(),
    }),
  ),
});

/**
 * GET /api/overview: every commune the system serves, its bodies and their next meetings.
 * The home page shows it to anyone, signed in or not: it holds nothing confidential.
 */
export const overviewSchema = z.object({
  communes: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      province: z.string(),
      bodies: z.array(
        z.object({
          id: z.string(),
          kind: z.enum(BODY_KIND_VALUES),
          name: z.string(),
          statutorySize: z.number().int().positive(),
          /** Members with a vote whose membership is in force today. */
          membersInOffice: z.number().int().nonnegative(),
          meetings: z.array(
            z.object({
              id: z.string(),
              title: z.string(),
              status: z.enum(MEETING_STATUS_VALUES),
              agenda: z.array(agendaItemSchema),
            }),
          ),
        }),
      ),
    }),
  ),
});

export type Overview = z.infer<typeof overviewSchema>;
