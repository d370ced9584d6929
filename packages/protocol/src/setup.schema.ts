import {
  AGENDA_ITEM_KIND_VALUES,
  BODY_KIND_VALUES,
  MEETING_ROLE_VALUES,
  MEETING_STATUS_VALUES,
  MEETING_TEMPLATE_KINDS,
  MEMBERSHIP_POSITION_VALUES,
} from '@hopxa/domain';
import { z } from 'zod';
import { optionalTypedText, typedText } from './typed-text.ts';

const name = typedText(200);
const isoDate = z.iso.date();

const voteLabelsSchema = z.object({
  inFavour: typedText(40),
  against: typedText(40),
  notVoting: typedText(40),
});

/**
 * A body's size in law (số lượng theo luật định): information shown beside the members in
 * office, and a cap on them; never the base of a count.
 */
const statutorySize = z.number().int().min(1).max(500);

/** POST /api/organisations/:organisationId/bodies */
export const createBodyRequestSchema = z.object({
  kind: z.enum(BODY_KIND_VALUES),
  name,
  statutorySize,
});

/** PATCH /api/bodies/:bodyId */
export const updateBodyRequestSchema = z
  .object({
    name: name.optional(),
    statutorySize: statutorySize.optional(),
    voteLabels: voteLabelsSchema.optional(),
  })
  .refine((value) => Object.keys(value).length > 0, {
    message: 'Không có gì để sửa (nothing to change)',
  });

/** POST /api/bodies/:bodyId/members */
export const createMemberRequestSchema = z.object({
  fullName: name,
  title: optionalTypedText(200).nullable().optional(),
  position: z.enum(MEMBERSHIP_POSITION_VALUES),
  votingRight: z.boolean(),
  startsOn: isoDate,
  endsOn: isoDate.nullable().optional(),
});

/** PATCH /api/bodies/:bodyId/members/:membershipId */
export const updateMemberRequestSchema = z
  .object({
    position: z.enum(MEMBERSHIP_POSITION_VALUES).optional(),
    votingRight: z.boolean().optional(),
    endsOn: isoDate.nullable().optional(),
    title: optionalTypedText(200).nullable().optional(),
  })
  .refine((value) => Object.keys(value).length > 0, {
    message: 'Không có gì để sửa (nothing to change)',
  });

/** POST /api/bodies/:bodyId/members/import: `commit: false` previews, `true` writes. */
export const importMembersRequestSchema = z.object({
  csv: z.string().min(1).max(500_000),
  commit: z.boolean(),
});

/** One row of a member list as the preview shows it, with what is wrong with it. */
export const importRowSchema = z.object({
  line: z.number().int(),
  fullName: z.string(),
  title: z.string().nullable(),
  position: z.enum(MEMBERSHIP_POSITION_VALUES).nullable(),
  votingRight: z.boolean().nullable(),
  startsOn: z.string().nullable(),
  endsOn: z.string().nullable(),
  problems: z.array(z.string()),
});

export const importMembersResponseSchema = z.object({
  rows: z.array(importRowSchema),
  committed: z.boolean(),
  created: z.number().int(),
});

export type ImportRow = z.infer<typeof importRowSchema>;

/** POST /api/bodies/:bodyId/meetings: a meeting with its agenda made from the body's template. */
export const createMeetingRequestSchema = z.object({
  /** Which agenda it is drafted from; the first of the term, else a regular one, if left out. */
  template: z.enum(MEETING_TEMPLATE_KINDS).optional(),
  title: name.optional(),
  place: typedText(200),
  startsAt: z.iso.datetime({ offset: true }),
  presidingOfficerId: z.uuid(),
  secretaryIds: z.array(z.uuid()).min(1).max(3),
});

/** PATCH /api/meetings/:meetingId */
export const updateMeetingRequestSchema = z
  .object({
    title: name.optional(),
    place: typedText(200).optional(),
    startsAt: z.iso.datetime({ offset: true }).optional(),
    presidingOfficerId: z.uuid().optional(),
    secretaryIds: z.array(z.uuid()).min(1).max(3).optional(),
  })
  .refine((value) => Object.keys(value).length > 0, {
    message: 'Không có gì để sửa (nothing to change)',
  });

/** POST /api/meetings/:meetingId/agenda-items */
export const createAgendaItemRequestSchema = z.object({
  title: name,
  kind: z.enum(AGENDA_ITEM_KIND_VALUES),
  durationMinutes: z.number().int().min(0).max(600),
  parentId: z.uuid().nullable(),
});

/** PATCH /api/meetings/:meetingId/agenda-items/:itemId */
export const updateAgendaItemRequestSchema = z
  .object({
    title: name.optional(),
    kind: z.enum(AGENDA_ITEM_KIND_VALUES).optional(),
    durationMinutes: z.number().int().min(0).max(600).optional(),
  })
  .refine((value) => Object.keys(value).length > 0, {
    message: 'Không có gì để sửa (nothing to change)',
  });

/** PUT /api/meetings/:meetingId/agenda-order: every item, in order, nested one level at most. */
export const agendaOrderRequestSchema = z.object({
  items: z
    .array(z.object({ id: z.uuid(), children: z.array(z.uuid()).max(100) }))
    .min(1)
    .max(100),
});

const agendaLineSchema = z.object({
  id: z.string(),
  title: z.string(),
  kind: z.enum(AGENDA_ITEM_KIND_VALUES),
  durationMinutes: z.number().int(),
});

/** GET /api/meetings/:meetingId */
export const meetingDetailSchema = z.object({
  id: z.string(),
  bodyId: z.string(),
  bodyName: z.string(),
  organisationId: z.string(),
  title: z.string(),
  status: z.enum(MEETING_STATUS_VALUES),
  place: z.string().nullable(),
  startsAt: z.string().nullable(),
  roles: z.array(
    z.object({ personId: z.string(), fullName: z.string(), role: z.enum(MEETING_ROLE_VALUES) }),
  ),
  agenda: z.array(agendaLineSchema.extend({ children: z.array(agendaLineSchema) })),
});

export type MeetingDetail = z.infer<typeof meetingDetailSchema>;

/** GET /api/bodies/:bodyId/members */
export const membersResponseSchema = z.object({
  voteLabels: voteLabelsSchema,
  body: z.object({
    id: z.string(),
    name: z.string(),
    kind: z.enum(BODY_KIND_VALUES),
    statutorySize: z.number().int(),
    /** Members with a vote whose membership is in force today: the base a sitting today counts against. */
    membersInOffice: z.number().int(),
    organisationId: z.string(),
  }),
  members: z.array(
    z.object({
      membershipId: z.string(),
      personId: z.string(),
      fullName: z.string(),
      title: z.string().nullable(),
      position: z.enum(MEMBERSHIP_POSITION_VALUES),
      votingRight: z.boolean(),
      startsOn: z.string(),
      endsOn: z.string().nullable(),
    }),
  ),
  meetings: z.array(
    z.object({
      id: z.string(),
      title: z.string(),
      status: z.enum(MEETING_STATUS_VALUES),
      startsAt: z.string().nullable(),
    }),
  ),
});

export type MembersResponse = z.infer<typeof membersResponseSchema>;

/** GET /api/organisations/:organisationId/tablets */
export const tabletsResponseSchema = z.object({
  tablets: z.array(
    z.object({
      pairingId: z.string(),
      delegate: z.string(),
      personId: z.string().nullable(),
      status: z.enum(['waiting', 'paired']),
      createdAt: z.string(),
      expiresAt: z.string(),
      deviceLabel: z.string().nullable(),
    }),
  ),
});

/** POST /api/bodies/:bodyId/members/:personId/pairing-codes and /api/organisations/:organisationId/hall-display-codes */
export const pairingCodeResponseSchema = z.object({
  id: z.string(),
  code: z.string(),
  expiresAt: z.string(),
  fullName: z.string(),
});

export type PairingCodeResponse = z.infer<typeof pairingCodeResponseSchema>;

/** GET /api/organisations/:organisationId/audit */
export const auditResponseSchema = z.object({
  events: z.array(
    z.object({
      id: z.number().int(),
      at: z.string(),
      actor: z.string().nullable(),
      action: z.string(),
      targetType: z.string().nullable(),
      targetId: z.string().nullable(),
      detail: z.record(z.string(), z.unknown()).nullable(),
      address: z.string().nullable(),
    }),
  ),
});

/** GET /api/organisations/:organisationId/setup: what the secretariat's dashboard lists. */
export const setupOverviewSchema = z.object({
  organisation: z.object({ id: z.string(), name: z.string(), province: z.string().nullable() }),
  bodies: z.array(
    z.object({
      id: z.string(),
      kind: z.enum(BODY_KIND_VALUES),
      name: z.string(),
      statutorySize: z.number().int(),
      /** Members with a vote whose membership is in force today. */
      membersInOffice: z.number().int(),
      voteLabels: voteLabelsSchema,
    }),
  ),
  meetings: z.array(
    z.object({
      id: z.string(),
      bodyId: z.string(),
      title: z.string(),
      status: z.enum(MEETING_STATUS_VALUES),
      startsAt: z.string().nullable(),
    }),
  ),
});

export type SetupOverview = z.infer<typeof setupOverviewSchema>;

/**
 * What the caller is in a meeting, which picks their screen: the presiding officer's console,
 * the secretary's roll call, a voter's tablet, the read-only view, or the hall display.
 */
export const MEETING_PARTS = [
  'presiding_officer',
  'secretary',
  'voter',
  'observer',
  'hall_display',
] as const;

/** GET /api/my/meetings: every meeting the caller may follow, soonest first. */
export const myMeetingsResponseSchema = z.object({
  meetings: z.array(
    z.object({
      id: z.string(),
      title: z.string(),
      status: z.enum(MEETING_STATUS_VALUES),
      place: z.string().nullable(),
      startsAt: z.string().nullable(),
      body: z.object({ id: z.string(), name: z.string(), kind: z.enum(BODY_KIND_VALUES) }),
      communeName: z.string(),
      part: z.enum(MEETING_PARTS),
    }),
  ),
});

export type MyMeeting = z.infer<typeof myMeetingsResponseSchema>['meetings'][number];
