import type { Localized } from './localized.ts';

/**
 * Where a meeting stands, taken from its log: prepared (no event yet), convened (agenda and
 * roster fixed, the roll call open), sitting, or over.
 */
export const MEETING_STATUSES = {
  draft: 'draft',
  convened: 'convened',
  open: 'open',
  closed: 'closed',
} as const;

export type MeetingStatus = (typeof MEETING_STATUSES)[keyof typeof MEETING_STATUSES];

export const MEETING_STATUS_VALUES = Object.values(MEETING_STATUSES) as [
  MeetingStatus,
  ...MeetingStatus[],
];

export const MEETING_STATUS_NAMES: Readonly<Record<MeetingStatus, Localized>> = {
  draft: { vi: 'Dự thảo', en: 'Draft' },
  convened: { vi: 'Đã triệu tập', en: 'Convened' },
  open: { vi: 'Đang họp', en: 'In session' },
  closed: { vi: 'Đã bế mạc', en: 'Closed' },
};

/**
 * The events that move a meeting from one status to the next: a list of meetings reads
 * each one's status from the last of these in its log.
 */
export const STATUS_AFTER_EVENT = {
  meeting_convened: 'convened',
  sitting_opened: 'open',
  sitting_closed: 'closed',
} as const satisfies Readonly<Record<string, MeetingStatus>>;
