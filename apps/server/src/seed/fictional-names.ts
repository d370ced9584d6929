/**
 * Vietnamese names for demo data, made up from common parts so that no seeded person is a
 * real official. Deterministic: the same seed gives the same names on every machine.
 */
// prettier-ignore
const SURNAMES = [
  'Nguyễn', 'Trần', 'Lê', 'Hoàng', 'Vũ', 'Đặng', 'Bùi', 'Đỗ', 'Ngô', 'Dương', 'Lý', 'Đinh',
  'Lương', 'Ma', 'Hà', 'Nông', 'Triệu', 'Lưu', 'Tạ', 'Chu',
];
const MALE_MIDDLE = ['Văn', 'Đức', 'Minh', 'Quang', 'Hữu', 'Thành', 'Công', 'Xuân', 'Ngọc'];
const FEMALE_MIDDLE = ['Thị', 'Thu', 'Thanh', 'Minh', 'Ngọc', 'Hồng', 'Kim', 'Phương'];
// prettier-ignore
const MALE_GIVEN = [
  'An', 'Bình', 'Cường', 'Dũng', 'Hải', 'Hiếu', 'Hùng', 'Khánh', 'Long', 'Mạnh', 'Nam',
  'Phong', 'Quân', 'Tài', 'Thắng', 'Toàn', 'Trung', 'Tuấn', 'Việt', 'Vinh',
];
// prettier-ignore
const FEMALE_GIVEN = [
  'Anh', 'Dung', 'Giang', 'Hằng', 'Hạnh', 'Hoa', 'Hương', 'Lan', 'Liên', 'Linh', 'Mai',
  'Nga', 'Nhung', 'Oanh', 'Thảo', 'Trang', 'Vân', 'Yến', 'Ngân', 'Thủy',
];

/** mulberry32: a tiny seeded generator, good enough to shuffle demo names. */
function generator(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

function pick<T>(items: readonly T[], random: () => number): T {
  const chosen = items[Math.floor(random() * items.length)];
  if (chosen === undefined) throw new Error('pick from an empty list');
  return chosen;
}

/**
 * Makes `count` distinct full names, none of them in `taken` (which it adds to).
 *
 * @example
 * fictionalNames(2, 7, new Set()) // e.g. ['Lê Thị Hằng', 'Nông Văn Tuấn']
 */
export function fictionalNames(count: number, seed: number, taken: Set<string>): string[] {
  const random = generator(seed);
  const names: string[] = [];
  while (names.length < count) {
    const female = random() < 0.45;
    const name = [
      pick(SURNAMES, random),
      pick(female ? FEMALE_MIDDLE : MALE_MIDDLE, random),
      pick(female ? FEMALE_GIVEN : MALE_GIVEN, random),
    ].join(' ');
    if (!taken.has(name)) {
      taken.add(name);
      names.push(name);
    }
  }
  return names;
}
