import type { Localized } from './localized.ts';

/** Where a meeting stands: prepared, announced, sitting, or over. */
export const MEETING_STATUSES = {
  draft: 'draft',
  scheduled: 'scheduled',
  inProgress: 'in_progress',
  closed: 'closed',
} as const;

export type MeetingStatus = (typeof MEETING_STATUSES)[keyof typeof MEETING_STATUSES];

export const MEETING_STATUS_VALUES = Object.values(MEETING_STATUSES) as [
  MeetingStatus,
  ...MeetingStatus[],
];

export const MEETING_STATUS_NAMES: Readonly<Record<MeetingStatus, Localized>> = {
  draft: { vi: 'Dự thảo', en: 'Draft' },
  scheduled: { vi: 'Đã triệu tập', en: 'Scheduled' },
  in_progress: { vi: 'Đang họp', en: 'In session' },
  closed: { vi: 'Đã bế mạc', en: 'Closed' },
};
