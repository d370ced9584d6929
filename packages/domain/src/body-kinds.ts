import type { Localized } from './localized.ts';

/**
 * The kinds of body that hold meetings in a commune (see DOMAIN: "the setting").
 * The Party Standing Committee (BTV) is elected by the Executive Committee and meets apart.
 *
 * @example
 * BODY_KINDS.peoplesCouncil // 'peoples_council'
 */
export const BODY_KINDS = {
  peoplesCouncil: 'peoples_council',
  peoplesCommittee: 'peoples_committee',
  partyExecutiveCommittee: 'party_executive_committee',
  partyStandingCommittee: 'party_standing_committee',
  fatherlandFrontCommittee: 'fatherland_front_committee',
} as const;

export type BodyKind = (typeof BODY_KINDS)[keyof typeof BODY_KINDS];

export const BODY_KIND_VALUES = Object.values(BODY_KINDS) as [BodyKind, ...BodyKind[]];

/**
 * What a body of each kind calls itself, its meetings and its people. `member` is the word
 * for one of them (a People's Council has delegates, đại biểu; a People's Committee members,
 * thành viên; Party and Front committees members, ủy viên); `members` the whole body's
 * people, as a threshold names them: "quá nửa tổng số đại biểu Hội đồng nhân dân".
 */
export const BODY_KIND_NAMES: Readonly<
  Record<
    BodyKind,
    {
      readonly name: Localized;
      readonly meeting: Localized;
      readonly member: Localized;
      readonly members: Localized;
      /** The notice that calls its members: a summons (triệu tập) or an invitation (mời). */
      readonly notice: Localized;
    }
  >
> = {
  peoples_council: {
    name: { vi: 'Hội đồng nhân dân', en: "People's Council" },
    meeting: { vi: 'Kỳ họp', en: 'Session' },
    member: { vi: 'đại biểu', en: 'delegate' },
    members: { vi: 'đại biểu Hội đồng nhân dân', en: "People's Council delegates" },
    notice: { vi: 'Giấy triệu tập', en: 'Summons' },
  },
  peoples_committee: {
    name: { vi: 'Ủy ban nhân dân', en: "People's Committee" },
    meeting: { vi: 'Phiên họp', en: 'Meeting' },
    member: { vi: 'thành viên', en: 'member' },
    members: { vi: 'thành viên Ủy ban nhân dân', en: "People's Committee members" },
    notice: { vi: 'Giấy mời', en: 'Invitation' },
  },
  party_executive_committee: {
    name: { vi: 'Ban Chấp hành Đảng bộ', en: 'Party Executive Committee' },
    meeting: { vi: 'Hội nghị', en: 'Plenary' },
    member: { vi: 'ủy viên', en: 'member' },
    members: { vi: 'ủy viên Ban Chấp hành', en: 'Executive Committee members' },
    notice: { vi: 'Giấy triệu tập', en: 'Summons' },
  },
  party_standing_committee: {
    name: { vi: 'Ban Thường vụ Đảng ủy', en: 'Party Standing Committee' },
    meeting: { vi: 'Hội nghị', en: 'Meeting' },
    member: { vi: 'ủy viên', en: 'member' },
    members: { vi: 'ủy viên Ban Thường vụ', en: 'Standing Committee members' },
    notice: { vi: 'Giấy triệu tập', en: 'Summons' },
  },
  fatherland_front_committee: {
    name: { vi: 'Ủy ban Mặt trận Tổ quốc Việt Nam', en: 'Fatherland Front Committee' },
    meeting: { vi: 'Hội nghị', en: 'Conference' },
    member: { vi: 'ủy viên', en: 'member' },
    members: { vi: 'ủy viên Ủy ban Mặt trận Tổ quốc', en: 'Front Committee members' },
    notice: { vi: 'Giấy mời', en: 'Invitation' },
  },
};
