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

/** What a body of each kind calls itself and its meetings. */
export const BODY_KIND_NAMES: Readonly<
  Record<BodyKind, { readonly name: Localized; readonly meeting: Localized }>
> = {
  peoples_council: {
    name: { vi: 'Hội đồng nhân dân', en: "People's Council" },
    meeting: { vi: 'Kỳ họp', en: 'Session' },
  },
  peoples_committee: {
    name: { vi: 'Ủy ban nhân dân', en: "People's Committee" },
    meeting: { vi: 'Phiên họp', en: 'Meeting' },
  },
  party_executive_committee: {
    name: { vi: 'Ban Chấp hành Đảng bộ', en: 'Party Executive Committee' },
    meeting: { vi: 'Hội nghị', en: 'Plenary' },
  },
  party_standing_committee: {
    name: { vi: 'Ban Thường vụ Đảng ủy', en: 'Party Standing Committee' },
    meeting: { vi: 'Hội nghị', en: 'Meeting' },
  },
  fatherland_front_committee: {
    name: { vi: 'Ủy ban Mặt trận Tổ quốc Việt Nam', en: 'Fatherland Front Committee' },
    meeting: { vi: 'Hội nghị', en: 'Conference' },
  },
};
