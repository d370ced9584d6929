import type { Localized } from '@hopxa/domain';
import type { z } from 'zod';

type Language = keyof Localized;

/**
 * What each field of the API's forms is called on the screens, so a refusal names the box a
 * secretary typed in ("Họ và tên: hãy điền ô này."), never a validator's path.
 */
const FIELD_NAMES: Readonly<Record<string, Localized>> = {
  name: { vi: 'Tên', en: 'Name' },
  title: { vi: 'Tên', en: 'Title' },
  fullName: { vi: 'Họ và tên', en: 'Full name' },
  kind: { vi: 'Loại', en: 'Kind' },
  statutorySize: { vi: 'Số lượng theo luật định', en: 'Statutory size' },
  place: { vi: 'Địa điểm', en: 'Place' },
  startsAt: { vi: 'Thời gian', en: 'Time' },
  startsOn: { vi: 'Ngày bắt đầu nhiệm kỳ', en: 'Term starts on' },
  day: { vi: 'Ngày', en: 'Day' },
  endsOn: { vi: 'Ngày kết thúc nhiệm kỳ', en: 'Term ends on' },
  position: { vi: 'Chức vụ', en: 'Position' },
  votingRight: { vi: 'Quyền biểu quyết', en: 'Right to vote' },
  presidingOfficerId: { vi: 'Chủ tọa', en: 'Presiding officer' },
  secretaryIds: { vi: 'Thư ký', en: 'Secretaries' },
  durationMinutes: { vi: 'Số phút', en: 'Minutes' },
  parentId: { vi: 'Thuộc mục', en: 'Under item' },
  inFavour: { vi: 'Chữ cho “tán thành”', en: 'Word for “in favour”' },
  against: { vi: 'Chữ cho “không tán thành”', en: 'Word for “against”' },
  notVoting: { vi: 'Chữ cho “không biểu quyết”', en: 'Word for “not voting”' },
  username: { vi: 'Tên đăng nhập', en: 'Username' },
  displayName: { vi: 'Tên hiển thị', en: 'Display name' },
  password: { vi: 'Mật khẩu', en: 'Password' },
  code: { vi: 'Mã ghép', en: 'Pairing code' },
  deviceLabel: { vi: 'Tên máy', en: 'Device name' },
  csv: { vi: 'Tệp danh sách', en: 'Member list file' },
  people: { vi: 'Thành phần dự tại điểm cầu', en: 'Who attends at the point' },
  commit: { vi: 'Ghi danh sách', en: 'Write the list' },
  items: { vi: 'Thứ tự các mục', en: 'Order of the items' },
  page: { vi: 'Trang', en: 'Page' },
  highlight: { vi: 'Vùng đánh dấu', en: 'Marked area' },
  text: { vi: 'Nội dung', en: 'Text' },
  version: { vi: 'Phiên bản', en: 'Version' },
  followerAccountId: {
    vi: 'Tài khoản theo dõi gắn với điểm cầu',
    en: 'Follower account bound to the point',
  },
};

/**
 * The name of the field an issue is about, as the screen labels it: the innermost part of its
 * path that has one (`highlight.x` is in the marked area's box).
 */
export function fieldName(path: readonly PropertyKey[], language: Language): string {
  const labelled = [...path]
    .reverse()
    .find((part): part is string => typeof part === 'string' && Object.hasOwn(FIELD_NAMES, part));
  return labelled ? (FIELD_NAMES[labelled] as Localized)[language] : path.join('.');
}

/**
 * An input problem as a sentence a secretary understands, in the caller's language: what to
 * do about it, with the limit when there is one. Messages our own schemas give (a typed
 * text's forbidden characters) are kept as they are.
 */
export function inputProblem(language: Language): z.core.$ZodErrorMap {
  const say = (vi: string, en: string) => (language === 'vi' ? vi : en);
  return (issue) => {
    switch (issue.code) {
      case 'too_small': {
        const minimum = Number(issue.minimum);
        if (issue.origin === 'string')
          return minimum <= 1
            ? say('hãy điền ô này.', 'fill in this field.')
            : say(`cần ít nhất ${minimum} ký tự.`, `at least ${minimum} characters are needed.`);
        if (issue.origin === 'array' || issue.origin === 'set')
          return say(`hãy chọn ít nhất ${minimum}.`, `choose at least ${minimum}.`);
        return say(`phải từ ${minimum} trở lên.`, `must be ${minimum} or more.`);
      }
      case 'too_big': {
        const maximum = Number(issue.maximum);
        if (issue.origin === 'string')
          return say(
            `dài quá: tối đa ${maximum} ký tự.`,
            `too long: ${maximum} characters at most.`,
          );
        if (issue.origin === 'array' || issue.origin === 'set')
          return say(`chọn nhiều nhất ${maximum}.`, `choose ${maximum} at most.`);
        return say(`không được quá ${maximum}.`, `must be ${maximum} or less.`);
      }
      case 'invalid_type':
        return issue.input === undefined || issue.input === null
          ? say('hãy điền ô này.', 'fill in this field.')
          : say(
              'giá trị không đúng loại: hãy nhập lại.',
              'not the right kind of value: enter it again.',
            );
      case 'invalid_format':
        return issue.format === 'date' || issue.format === 'datetime'
          ? say(
              'ngày giờ không đúng: hãy chọn lại.',
              'the date or time is not valid: choose it again.',
            )
          : say('không đúng định dạng: hãy nhập lại.', 'not in the right form: enter it again.');
      case 'invalid_value':
        return say(
          'hãy chọn một giá trị trong danh sách.',
          'choose one of the values in the list.',
        );
      case 'not_multiple_of':
        return say('phải là số nguyên.', 'must be a whole number.');
      case 'unrecognized_keys':
        return say(
          `có thông tin không được phép gửi: ${issue.keys.join(', ')}.`,
          `holds something that may not be sent: ${issue.keys.join(', ')}.`,
        );
      default:
        return (
          issue.message ?? say('giá trị chưa hợp lệ: hãy nhập lại.', 'not valid: enter it again.')
        );
    }
  };
}
