import type { BodyKind } from '@hopxa/domain';

type Position = 'chair' | 'vice_chair' | 'member';

export type DemoBody = {
  readonly kind: BodyKind;
  readonly name: string;
  readonly statutorySize: number;
  /** The posts of the first members, in order; everyone after them is a member. */
  readonly leadership: readonly { readonly position: Position; readonly title: string }[];
  /** Posts held outside the body, given to members after the leadership. */
  readonly titles: readonly string[];
  readonly place: string;
};

export const DEMO_PROVINCE = { code: 'thai-nguyen', name: 'Tỉnh Thái Nguyên' } as const;

export const DEMO_COMMUNE = {
  code: 'thai-nguyen/song-cong',
  name: 'Phường Sông Công',
} as const;

export const DEMO_TERM_START = '2025-07-01';

const HALL = 'Hội trường Ủy ban nhân dân phường Sông Công';

/**
 * The four bodies of the demo ward with a realistic number of seats each. The People's
 * Council has no chair yet: it elects one at its first session, which the convener opens.
 */
export const DEMO_BODIES: readonly DemoBody[] = [
  {
    kind: 'peoples_council',
    name: 'Hội đồng nhân dân phường Sông Công',
    statutorySize: 30,
    leadership: [],
    titles: [],
    place: HALL,
  },
  {
    kind: 'peoples_committee',
    name: 'Ủy ban nhân dân phường Sông Công',
    statutorySize: 9,
    leadership: [
      { position: 'chair', title: 'Chủ tịch Ủy ban nhân dân phường' },
      { position: 'vice_chair', title: 'Phó Chủ tịch Ủy ban nhân dân phường' },
      { position: 'vice_chair', title: 'Phó Chủ tịch Ủy ban nhân dân phường' },
    ],
    titles: [
      'Trưởng Công an phường',
      'Chỉ huy trưởng Ban Chỉ huy Quân sự phường',
      'Trưởng phòng Kinh tế, Hạ tầng và Đô thị',
      'Trưởng phòng Văn hóa - Xã hội',
      'Chánh Văn phòng HĐND và UBND phường',
      'Giám đốc Trung tâm Phục vụ hành chính công',
    ],
    place: 'Phòng họp Ủy ban nhân dân phường Sông Công',
  },
  {
    kind: 'party_executive_committee',
    name: 'Ban Chấp hành Đảng bộ phường Sông Công',
    statutorySize: 33,
    leadership: [
      { position: 'chair', title: 'Bí thư Đảng ủy phường' },
      { position: 'vice_chair', title: 'Phó Bí thư Thường trực Đảng ủy phường' },
      { position: 'vice_chair', title: 'Phó Bí thư Đảng ủy phường' },
    ],
    titles: [],
    place: HALL,
  },
  {
    kind: 'fatherland_front_committee',
    name: 'Ủy ban Mặt trận Tổ quốc Việt Nam phường Sông Công',
    statutorySize: 45,
    leadership: [
      { position: 'chair', title: 'Chủ tịch Ủy ban MTTQ Việt Nam phường' },
      { position: 'vice_chair', title: 'Phó Chủ tịch Ủy ban MTTQ Việt Nam phường' },
      { position: 'vice_chair', title: 'Phó Chủ tịch Ủy ban MTTQ Việt Nam phường' },
    ],
    titles: [],
    place: HALL,
  },
];

/** The demo secretariat account; its password is in the README, for demos only. */
export const DEMO_ACCOUNT = {
  username: 'vanphong.songcong',
  password: 'songcong-demo-2025',
  displayName: 'Văn phòng HĐND và UBND phường Sông Công',
} as const;

/** The demo province's connection point, which follows the ward's sittings online. */
export const DEMO_FOLLOWER = {
  username: 'diemcau.tinh',
  password: DEMO_ACCOUNT.password,
  displayName: 'Điểm cầu Tỉnh ủy – UBND tỉnh',
} as const;
