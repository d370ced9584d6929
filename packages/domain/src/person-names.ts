/**
 * Vietnamese order of names, as official lists are sorted: by given name (the last word),
 * then family name (the first), then the middle names, each compared with Vietnamese
 * collation (D before Đ, O before Ô before Ơ, U before Ư, and the tones in the order
 * ngang, huyền, hỏi, ngã, sắc, nặng).
 *
 * @example
 * ['Trần Văn Đức', 'Nguyễn Thị Dung'].sort(compareVietnameseNames)
 * // ['Nguyễn Thị Dung', 'Trần Văn Đức']
 */
export function compareVietnameseNames(a: string, b: string): number {
  const left = nameParts(a);
  const right = nameParts(b);
  return (
    collator.compare(left.given, right.given) ||
    collator.compare(left.family, right.family) ||
    collator.compare(left.middle, right.middle) ||
    collator.compare(a, b)
  );
}

const collator = new Intl.Collator('vi', { sensitivity: 'variant' });

function nameParts(fullName: string) {
  const words = fullName.trim().split(/\s+/);
  return {
    given: words.at(-1) ?? '',
    family: words.length > 1 ? (words[0] ?? '') : '',
    middle: words.slice(1, -1).join(' '),
  };
}
