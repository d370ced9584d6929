// A day of a province's communes for the day summary's tests: four sittings of two communes,
// each run through the domain (see sitting.fixture.ts), seen at 16:00 that day.
import type { BodyKind, MeetingState } from '@hopxa/domain';
import { daySitting, type DaySummaryFacts } from './day-summary-paper.ts';
import { convenedSitting, failingSitting, signedOffSitting } from './sitting.fixture.ts';

/** 16:00 on 15 December 2026 in Hà Nội. */
export const DAY_SEEN_AT = new Date('2026-12-15T09:00:00.000Z');

/** The same sitting as another commune's body holds it. */
const heldBy = (
  state: MeetingState,
  communeId: string,
  bodyKind: BodyKind,
  meetingId: string,
): MeetingState => ({
  ...state,
  target: { ...state.target, organisationId: communeId, bodyKind, meetingId },
});

/**
 * Phường Sông Công's People's Council, due at 07:30, closed with its results; its People's Committee in
 * session since 08:30 with a vote failed and quorum lost; Xã Đại Từ's Party committee due at
 * 08:00 and not opened; its Front committee due at 18:00.
 */
export function provinceDay(): DaySummaryFacts {
  const at = (clock: string) => new Date(`2026-12-15T${clock}:00+07:00`).toISOString();
  const sittings = [
    {
      state: heldBy(signedOffSitting(at('07:30')), 'song-cong', 'peoples_council', 'hdnd'),
      commune: 'Phường Sông Công',
    },
    {
      state: heldBy(failingSitting(at('08:30')), 'song-cong', 'peoples_committee', 'ubnd'),
      commune: 'Phường Sông Công',
    },
    {
      state: heldBy(convenedSitting(at('18:00')), 'dai-tu', 'fatherland_front_committee', 'mttq'),
      commune: 'Xã Đại Từ',
    },
    {
      state: heldBy(convenedSitting(at('08:00')), 'dai-tu', 'party_executive_committee', 'dang-uy'),
      commune: 'Xã Đại Từ',
    },
  ];
  return {
    provinceName: 'Tỉnh Thái Nguyên',
    day: '2026-12-15',
    madeAt: DAY_SEEN_AT.toISOString(),
    communeCount: 30,
    sittings: sittings.map(({ state, commune }) => daySitting(state, commune, DAY_SEEN_AT)),
  };
}
