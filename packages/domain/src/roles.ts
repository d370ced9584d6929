import type { BodyKind } from './body-kinds.ts';
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
  hallDisplay: 'hall_display',
  provinceAdmin: 'province_admin',
} as const;

export type AccountRole = (typeof ACCOUNT_ROLES)[keyof typeof ACCOUNT_ROLES];
export const ACCOUNT_ROLE_VALUES = Object.values(ACCOUNT_ROLES) as [AccountRole, ...AccountRole[]];

export const ACCOUNT_ROLE_NAMES: Readonly<Record<AccountRole, Localized>> = {
  system_admin: { vi: 'Quản trị hệ thống', en: 'System administrator' },
  secretariat: { vi: 'Văn phòng (thư ký tổng hợp)', en: 'Secretariat' },
  delegate: { vi: 'Đại biểu', en: 'Delegate' },
  guest: { vi: 'Khách mời', en: 'Guest' },
  follower: { vi: 'Theo dõi trực tuyến', en: 'Online follower' },
  hall_display: { vi: 'Màn hình hội trường', en: 'Hall display' },
  province_admin: { vi: 'Quản trị cấp tỉnh', en: 'Province administrator' },
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
  standingMember: 'standing_member',
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
  standing_member: { vi: 'Ủy viên thường trực', en: 'Standing member' },
  member: { vi: 'Ủy viên', en: 'Member' },
  delegate: { vi: 'Đại biểu', en: 'Delegate' },
};

/**
 * The seats each kind of body has, in order, under its own names (W1): a Party committee's
 * chair is its Secretary (Bí thư), its standing members sit on the Standing Committee.
 *
 * @example
 * BODY_POSITIONS.party_executive_committee[0] // { position: 'chair', name: { vi: 'Bí thư', ... } }
 */
export const BODY_POSITIONS: Readonly<
  Record<BodyKind, readonly { readonly position: MembershipPosition; readonly name: Localized }[]>
> = {
  peoples_council: [
    { position: 'chair', name: { vi: 'Chủ tịch Hội đồng nhân dân', en: 'Chair of the Council' } },
    {
      position: 'vice_chair',
      name: { vi: 'Phó Chủ tịch Hội đồng nhân dân', en: 'Vice-chair of the Council' },
    },
    { position: 'delegate', name: { vi: 'Đại biểu', en: 'Delegate' } },
  ],
  peoples_committee: [
    { position: 'chair', name: { vi: 'Chủ tịch Ủy ban nhân dân', en: 'Chair of the Committee' } },
    {
      position: 'vice_chair',
      name: { vi: 'Phó Chủ tịch Ủy ban nhân dân', en: 'Vice-chair of the Committee' },
    },
    { position: 'member', name: { vi: 'Ủy viên Ủy ban nhân dân', en: 'Committee member' } },
  ],
  party_executive_committee: [
    { position: 'chair', name: { vi: 'Bí thư', en: 'Party Secretary' } },
    { position: 'vice_chair', name: { vi: 'Phó Bí thư', en: 'Deputy Party Secretary' } },
    {
      position: 'standing_member',
      name: { vi: 'Ủy viên Ban Thường vụ', en: 'Standing Committee member' },
    },
    { position: 'member', name: { vi: 'Ủy viên Ban Chấp hành', en: 'Executive Committee member' } },
  ],
  party_standing_committee: [
    { position: 'chair', name: { vi: 'Bí thư', en: 'Party Secretary' } },
    { position: 'vice_chair', name: { vi: 'Phó Bí thư', en: 'Deputy Party Secretary' } },
    { position: 'member', name: { vi: 'Ủy viên Ban Thường vụ', en: 'Standing Committee member' } },
  ],
  fatherland_front_committee: [
    {
      position: 'chair',
      name: { vi: 'Chủ tịch Ủy ban Mặt trận Tổ quốc', en: 'Chair of the Front' },
    },
    { position: 'vice_chair', name: { vi: 'Phó Chủ tịch', en: 'Vice-chair' } },
    {
      position: 'standing_member',
      name: { vi: 'Ủy viên Ban Thường trực', en: 'Standing Board member' },
    },
    { position: 'member', name: { vi: 'Ủy viên', en: 'Member' } },
  ],
};

/** What a body calls a seat: its own word, else the general one. */
export function positionName(kind: BodyKind, position: MembershipPosition): Localized {
  return (
    BODY_POSITIONS[kind].find((seat) => seat.position === position)?.name ??
    MEMBERSHIP_POSITION_NAMES[position]
  );
}
