import type { Localized } from './localized.ts';

/**
 * What an account is, system-wide. Presiding officer and secretary are not account roles:
 * they are given per meeting (MEETING_ROLES); a delegate votes through a membership.
 */
export const ACCOUNT_ROLES = {
  systemAdmin: 'system_admin',
  secretariat: 'secretariat',
  delegate: 'delegate',
  guest: 'guest',
  follower: 'follower',
} as const;

export type AccountRole = (typeof ACCOUNT_ROLES)[keyof typeof ACCOUNT_ROLES];
export const ACCOUNT_ROLE_VALUES = Object.values(ACCOUNT_ROLES) as [AccountRole, ...AccountRole[]];

export const ACCOUNT_ROLE_NAMES: Readonly<Record<AccountRole, Localized>> = {
  system_admin: { vi: 'Quản trị hệ thống', en: 'System administrator' },
  secretariat: { vi: 'Văn phòng (thư ký tổng hợp)', en: 'Secretariat' },
  delegate: { vi: 'Đại biểu', en: 'Delegate' },
  guest: { vi: 'Khách mời', en: 'Guest' },
  follower: { vi: 'Theo dõi trực tuyến', en: 'Online follower' },
};

/** Roles given for one meeting. */
export const MEETING_ROLES = {
  presidingOfficer: 'presiding_officer',
  secretary: 'secretary',
} as const;

export type MeetingRole = (typeof MEETING_ROLES)[keyof typeof MEETING_ROLES];
export const MEETING_ROLE_VALUES = Object.values(MEETING_ROLES) as [MeetingRole, ...MeetingRole[]];

export const MEETING_ROLE_NAMES: Readonly<Record<MeetingRole, Localized>> = {
  presiding_officer: { vi: 'Chủ tọa', en: 'Presiding officer' },
  secretary: { vi: 'Thư ký', en: 'Secretary' },
};

/** A member's seat in a body. */
export const MEMBERSHIP_POSITIONS = {
  chair: 'chair',
  viceChair: 'vice_chair',
  member: 'member',
  delegate: 'delegate',
} as const;

export type MembershipPosition = (typeof MEMBERSHIP_POSITIONS)[keyof typeof MEMBERSHIP_POSITIONS];
export const MEMBERSHIP_POSITION_VALUES = Object.values(MEMBERSHIP_POSITIONS) as [
  MembershipPosition,
  ...MembershipPosition[],
];

export const MEMBERSHIP_POSITION_NAMES: Readonly<Record<MembershipPosition, Localized>> = {
  chair: { vi: 'Chủ tịch', en: 'Chair' },
  vice_chair: { vi: 'Phó Chủ tịch', en: 'Vice-chair' },
  member: { vi: 'Ủy viên', en: 'Member' },
  delegate: { vi: 'Đại biểu', en: 'Delegate' },
};
