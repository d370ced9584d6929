import type { BodyKind } from '@hopxa/domain';
import { fictionalNames } from './fictional-names.ts';

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

/**
 * The four bodies of a commune or ward (e.g. "Phường Sông Công") with a realistic number of
 * seats each. The People's Council has no chair yet: it elects one at its first session,
 * which the convener opens. A ward's economic office also keeps its infrastructure and urban
 * affairs; a commune's is its economic office alone.
 */
export function demoBodies(communeName: string): DemoBody[] {
  const [first = '', ...rest] = communeName.split(' ');
  const unit = first.toLocaleLowerCase('vi-VN');
  const named = `${unit} ${rest.join(' ')}`;
  const hall = `Hội trường Ủy ban nhân dân ${named}`;
  return [
    {
      kind: 'peoples_council',
      name: `Hội đồng nhân dân ${named}`,
      statutorySize: 30,
      leadership: [],
      titles: [],
      place: hall,
    },
    {
      kind: 'peoples_committee',
      name: `Ủy ban nhân dân ${named}`,
      statutorySize: 9,
      leadership: [
        { position: 'chair', title: `Chủ tịch Ủy ban nhân dân ${unit}` },
        { position: 'vice_chair', title: `Phó Chủ tịch Ủy ban nhân dân ${unit}` },
        { position: 'vice_chair', title: `Phó Chủ tịch Ủy ban nhân dân ${unit}` },
      ],
      titles: [
        `Trưởng Công an ${unit}`,
        `Chỉ huy trưởng Ban Chỉ huy Quân sự ${unit}`,
        unit === 'phường' ? 'Trưởng phòng Kinh tế, Hạ tầng và Đô thị' : 'Trưởng phòng Kinh tế',
        'Trưởng phòng Văn hóa - Xã hội',
        `Chánh Văn phòng HĐND và UBND ${unit}`,
        'Giám đốc Trung tâm Phục vụ hành chính công',
      ],
      place: `Phòng họp Ủy ban nhân dân ${named}`,
    },
    {
      kind: 'party_executive_committee',
      name: `Ban Chấp hành Đảng bộ ${named}`,
      statutorySize: 33,
      leadership: [
        { position: 'chair', title: `Bí thư Đảng ủy ${unit}` },
        { position: 'vice_chair', title: `Phó Bí thư Thường trực Đảng ủy ${unit}` },
        { position: 'vice_chair', title: `Phó Bí thư Đảng ủy ${unit}` },
      ],
      titles: [],
      place: hall,
    },
    {
      kind: 'fatherland_front_committee',
      name: `Ủy ban Mặt trận Tổ quốc Việt Nam ${named}`,
      statutorySize: 45,
      leadership: [
        { position: 'chair', title: `Chủ tịch Ủy ban MTTQ Việt Nam ${unit}` },
        { position: 'vice_chair', title: `Phó Chủ tịch Ủy ban MTTQ Việt Nam ${unit}` },
        { position: 'vice_chair', title: `Phó Chủ tịch Ủy ban MTTQ Việt Nam ${unit}` },
      ],
      titles: [],
      place: hall,
    },
  ];
}

/** The demo ward's bodies, each with a draft first meeting. */
export const DEMO_BODIES: readonly DemoBody[] = demoBodies(DEMO_COMMUNE.name);

/**
 * The names of a commune's people, body by body: distinct within the commune, made from the
 * commune's place in the province (the demo ward's, 0, gives the names it always had).
 */
export function demoPeopleNames(bodies: readonly DemoBody[], communeIndex: number): string[][] {
  const taken = new Set<string>();
  return bodies.map((body, index) =>
    fictionalNames(body.statutorySize, communeIndex * 10 + index + 1, taken),
  );
}

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

/** The demo province's administrator: it makes and closes the province's followers. */
export const DEMO_PROVINCE_ADMIN = {
  username: 'quantri.tinh',
  password: DEMO_ACCOUNT.password,
  displayName: 'Văn phòng UBND tỉnh Thái Nguyên (quản trị)',
} as const;

/** The province office's follower: it sees the board of every commune and prints the day. */
export const DEMO_PROVINCE_FOLLOWER = {
  username: 'theodoi.tinh',
  password: DEMO_ACCOUNT.password,
  displayName: 'Văn phòng UBND tỉnh Thái Nguyên (theo dõi)',
} as const;
