import { membershipInForceOn, schema, type Database } from '@hopxa/db';
import {
  BODY_POSITIONS,
  MEMBERSHIP_POSITION_NAMES,
  MEMBERSHIP_POSITION_VALUES,
  type BodyKind,
  type MembershipPosition,
} from '@hopxa/domain';
import {
  TEXT_PROBLEM_MESSAGES,
  textProblem,
  type ImportRow,
  type importMembersRequestSchema,
} from '@hopxa/protocol';
import { parse } from 'csv-parse/sync';
import { and, eq } from 'drizzle-orm';
import type { z } from 'zod';
import { auditEntry, recordAudit, type AuditActor } from '../audit/audit.service.ts';
import { HttpError } from '../http/http-error.ts';
import { checkStatutorySize, lockBody, type SizeCheck } from './statutory-size.service.ts';

/** A list longer than any body's size is a mistake, and would overflow one insert. */
const MAX_IMPORT_ROWS = 500;

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

/**
 * The seats a list may name for a body of `kind`: the body's own words for them ("Bí thư"
 * in a Party committee), the general ones, and the codes.
 */
function positionsOf(kind: BodyKind): Map<string, MembershipPosition> {
  return new Map<string, MembershipPosition>([
    ...MEMBERSHIP_POSITION_VALUES.flatMap((position): [string, MembershipPosition][] => [
      [fold(MEMBERSHIP_POSITION_NAMES[position].vi), position],
      [fold(MEMBERSHIP_POSITION_NAMES[position].en), position],
      [fold(position), position],
    ]),
    ...BODY_POSITIONS[kind].flatMap(({ position, name }): [string, MembershipPosition][] => [
      [fold(name.vi), position],
      [fold(name.en), position],
    ]),
  ]);
}
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
  kind: BodyKind,
): ImportRow[] {
  const positions = positionsOf(kind);
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
    const position = positionText === '' ? 'member' : (positions.get(fold(positionText)) ?? null);
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

/**
 * What became of a member list: only read and checked, refused for its problems (or for
 * having no rows), or written.
 */
export type ImportOutcome = {
  readonly rows: ImportRow[];
  readonly outcome: 'previewed' | 'refused' | 'committed';
};

/**
 * Reads a member list against the body's current members and, when `commit` is set and
 * every row is fine, seats them all, within the body's statutory size.
 */
export async function importMembers(
  db: Database,
  actor: AuditActor,
  bodyId: string,
  input: z.infer<typeof importMembersRequestSchema>,
  check: SizeCheck,
): Promise<ImportOutcome> {
  const { today } = check;
  // The body's row is locked while the list is checked and written, so a commit pressed
  // twice cannot import everyone twice.
  return db.transaction(async (tx) => {
    const body = await lockBody(tx, bodyId);
    const current = await tx
      .select({ fullName: schema.people.fullName })
      .from(schema.memberships)
      .innerJoin(schema.people, eq(schema.people.id, schema.memberships.personId))
      .where(and(eq(schema.memberships.bodyId, bodyId), membershipInForceOn(today)));
    const rows = previewMemberImport(
      input.csv,
      current.map((member) => member.fullName),
      today,
      body.kind,
    );
    if (rows.length > MAX_IMPORT_ROWS) throw new HttpError(400, 'too_many_rows');
    if (!input.commit) return { rows, outcome: 'previewed' };
    if (rows.length === 0 || rows.some((row) => row.problems.length > 0))
      return { rows, outcome: 'refused' };
    const seats = rows.map((row) => ({
      position: row.position ?? 'member',
      votingRight: row.votingRight ?? true,
      startsOn: row.startsOn ?? today,
      endsOn: row.endsOn,
    }));
    await checkStatutorySize(tx, body, today, check.language, { adding: seats });
    const people = await tx
      .insert(schema.people)
      .values(rows.map((row) => ({ fullName: row.fullName, title: row.title })))
      .returning({ id: schema.people.id });
    await tx
      .insert(schema.memberships)
      .values(seats.map((seat, index) => ({ personId: people[index]?.id ?? '', bodyId, ...seat })));
    const target = { type: 'body', id: bodyId };
    await recordAudit(tx, auditEntry(actor, 'member.import', target, { created: rows.length }));
    return { rows, outcome: 'committed' };
  });
}
