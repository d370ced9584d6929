import {
  MEMBERSHIP_POSITION_NAMES,
  MEMBERSHIP_POSITION_VALUES,
  type MembershipPosition,
} from '@hopxa/domain';
import { TEXT_PROBLEM_MESSAGES, textProblem, type ImportRow } from '@hopxa/protocol';
import { parse } from 'csv-parse/sync';
import { HttpError } from '../http/http-error.ts';

/** The longest name or title a form takes: a list takes no longer. */
const NAME_MAX = 200;

/** Lower case, no diacritics, no punctuation: how headers and choices are matched. */
function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .replace(/đ/gi, 'd')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** The columns a member list may have, by the headings people write in Vietnamese or English. */
const COLUMNS = {
  fullName: ['ho va ten', 'ho ten', 'full name', 'name'],
  title: ['chuc vu', 'title'],
  position: ['vi tri', 'position'],
  votingRight: ['quyen bieu quyet', 'bieu quyet', 'voting right'],
  startsOn: ['tu ngay', 'starts on', 'from'],
  endsOn: ['den ngay', 'ends on', 'to'],
} as const;

type Column = keyof typeof COLUMNS;

const POSITIONS = new Map<string, MembershipPosition>(
  MEMBERSHIP_POSITION_VALUES.flatMap((position) => [
    [fold(MEMBERSHIP_POSITION_NAMES[position].vi), position],
    [fold(MEMBERSHIP_POSITION_NAMES[position].en), position],
    [fold(position), position],
  ]),
);
const YES = new Set(['co', 'yes', 'x', '1', 'true']);
const NO = new Set(['khong', 'no', '0', 'false']);

/** dd/mm/yyyy (as written in Vietnam) or yyyy-mm-dd, to yyyy-mm-dd; null if not a real date. */
function parseDate(text: string): string | null {
  const dmy = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(text);
  const ymd = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  const [year, month, day] = dmy
    ? [Number(dmy[3]), Number(dmy[2]), Number(dmy[1])]
    : ymd
      ? [Number(ymd[1]), Number(ymd[2]), Number(ymd[3])]
      : [0, 0, 0];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (year === 0 || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return date.toISOString().slice(0, 10);
}

/**
 * Reads a member list (CSV with a heading row; comma or semicolon, as spreadsheets save it)
 * into rows, each with the problems that keep it from being imported. Names already in the
 * body, and names twice in the file, are problems too.
 */
export function previewMemberImport(
  csv: string,
  existingNames: readonly string[],
  today: string,
): ImportRow[] {
  let records: string[][];
  try {
    const firstLine = csv.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '';
    const delimiter = firstLine.split(';').length > firstLine.split(',').length ? ';' : ',';
    records = parse(csv, {
      bom: true,
      delimiter,
      skip_empty_lines: true,
      relax_column_count: true,
      trim: true,
    });
  } catch (error) {
    throw new HttpError(400, 'invalid_input', [
      {
        path: 'csv',
        message: `Không đọc được tệp CSV: ${(error as Error).message} (the CSV cannot be read)`,
      },
    ]);
  }
  const [header = [], ...lines] = records;
  const index = {} as Record<Column, number>;
  for (const column of Object.keys(COLUMNS) as Column[]) {
    index[column] = header.findIndex((heading) =>
      (COLUMNS[column] as readonly string[]).includes(fold(heading)),
    );
  }
  if (index.fullName < 0) {
    throw new HttpError(400, 'invalid_input', [
      {
        path: 'csv',
        message:
          'Dòng đầu phải có cột "Họ và tên" (the first row must have a "Họ và tên" / "full name" column)',
      },
    ]);
  }

  const known = new Set(existingNames.map(fold));
  const seen = new Map<string, number>();
  return lines.map((cells, offset): ImportRow => {
    const cell = (column: Column) =>
      index[column] >= 0 ? (cells[index[column]] ?? '').trim() : '';
    const problems: string[] = [];
    const fullName = cell('fullName').replace(/ +/g, ' ').normalize('NFC');
    const title = cell('title').normalize('NFC');
    const line = offset + 2;
    // The same limits as the forms: a list is no back door for what a form refuses.
    const nameProblem = fullName === '' ? null : textProblem(fullName);
    if (fullName === '') problems.push('Thiếu họ và tên (name missing)');
    else if (nameProblem) problems.push(`Họ và tên: ${TEXT_PROBLEM_MESSAGES[nameProblem]}`);
    else if (fullName.length > NAME_MAX)
      problems.push(`Họ và tên dài quá ${NAME_MAX} ký tự (name longer than ${NAME_MAX})`);
    else if (known.has(fold(fullName)))
      problems.push('Đã là thành viên của cơ quan (already a member)');
    else if (seen.has(fold(fullName)))
      problems.push(
        `Trùng với dòng ${seen.get(fold(fullName))} (same as line ${seen.get(fold(fullName))})`,
      );
    if (fullName !== '') seen.set(fold(fullName), line);

    const titleProblem = title === '' ? null : textProblem(title);
    if (titleProblem) problems.push(`Chức vụ: ${TEXT_PROBLEM_MESSAGES[titleProblem]}`);
    else if (title.length > NAME_MAX)
      problems.push(`Chức vụ dài quá ${NAME_MAX} ký tự (title longer than ${NAME_MAX})`);

    const positionText = cell('position');
    const position = positionText === '' ? 'member' : (POSITIONS.get(fold(positionText)) ?? null);
    if (position === null)
      problems.push(
        `Vị trí "${positionText}" không rõ: dùng Chủ tịch, Phó Chủ tịch, Ủy viên hoặc Đại biểu (unknown position)`,
      );

    const votingText = fold(cell('votingRight'));
    const votingRight =
      votingText === '' || YES.has(votingText) ? true : NO.has(votingText) ? false : null;
    if (votingRight === null)
      problems.push('Quyền biểu quyết phải là "có" hoặc "không" (voting right must be yes or no)');

    const startsText = cell('startsOn');
    const startsOn = startsText === '' ? today : parseDate(startsText);
    if (startsOn === null)
      problems.push(`Ngày "${startsText}" không hợp lệ: viết dd/mm/yyyy (invalid date)`);
    const endsText = cell('endsOn');
    const endsOn = endsText === '' ? null : parseDate(endsText);
    if (endsText !== '' && endsOn === null)
      problems.push(`Ngày "${endsText}" không hợp lệ: viết dd/mm/yyyy (invalid date)`);
    if (startsOn && endsOn && endsOn < startsOn)
      problems.push('Đến ngày trước từ ngày (ends before it starts)');

    return {
      line,
      fullName,
      title: title || null,
      position,
      votingRight,
      startsOn,
      endsOn,
      problems,
    };
  });
}
