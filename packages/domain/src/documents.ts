import type { MeetingAction } from './authorization.ts';
import type { Localized } from './localized.ts';

/**
 * The papers of a sitting (tài liệu kỳ họp), filed by the secretariat under an agenda item
 * and read on the members' tablets before and during the sitting.
 */
export const DOCUMENT_KINDS = ['submission', 'draft_resolution', 'report', 'other'] as const;

export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

export const DOCUMENT_KIND_NAMES: Readonly<Record<DocumentKind, Localized>> = {
  submission: { vi: 'Tờ trình', en: 'Submission' },
  draft_resolution: { vi: 'Dự thảo nghị quyết', en: 'Draft resolution' },
  report: { vi: 'Báo cáo', en: 'Report' },
  other: { vi: 'Tài liệu khác', en: 'Other paper' },
};

/**
 * Who may read a paper, each wider than the one before: the body's members (and whoever
 * runs the sitting), then the invited guests too, then the followers of the commune and
 * its province as well.
 */
export const DOCUMENT_AUDIENCES = ['members', 'guests', 'public'] as const;

export type DocumentAudience = (typeof DOCUMENT_AUDIENCES)[number];

export const DOCUMENT_AUDIENCE_NAMES: Readonly<Record<DocumentAudience, Localized>> = {
  members: { vi: 'Chỉ thành viên', en: 'Members only' },
  guests: { vi: 'Thành viên và khách mời', en: 'Members and invited guests' },
  public: { vi: 'Công khai cho người theo dõi', en: 'Public to followers' },
};

/** The permission that reading a paper of `audience` asks for. */
export function documentReadAction(audience: DocumentAudience): MeetingAction {
  switch (audience) {
    case 'members':
      return 'document.read';
    case 'guests':
      return 'document.read_invited';
    case 'public':
      return 'document.read_public';
  }
}

/** The largest paper taken unless the server is configured otherwise: 50 MB. */
export const DEFAULT_DOCUMENT_SIZE_LIMIT_BYTES = 50 * 1024 * 1024;

export const DOCUMENT_TITLE_MAX_LENGTH = 300;
export const DOCUMENT_FILE_NAME_MAX_LENGTH = 200;
/** A private note on a page: a paragraph or two, not a paper of its own. */
export const DOCUMENT_NOTE_MAX_LENGTH = 4000;

/** Why a file is not taken as a paper; each has its own message. */
export const DOCUMENT_REFUSALS = [
  'not_pdf',
  'pdf_encrypted',
  'pdf_malformed',
  'too_large',
  'bad_file_name',
  'empty_file',
] as const;

export type DocumentRefusal = (typeof DOCUMENT_REFUSALS)[number];

export const DOCUMENT_REFUSAL_MESSAGES: Readonly<Record<DocumentRefusal, Localized>> = {
  not_pdf: {
    vi: 'Tệp không phải PDF. Hãy lưu tài liệu dưới dạng PDF (Word: Tệp → Lưu thành → PDF) rồi tải lên lại.',
    en: 'The file is not a PDF. Save the paper as PDF (Word: File → Save as → PDF) and upload it again.',
  },
  pdf_encrypted: {
    vi: 'Tệp PDF có mật khẩu hoặc bị mã hóa, máy tính bảng không mở được. Hãy bỏ mật khẩu rồi tải lên lại.',
    en: 'The PDF is password-protected or encrypted and tablets cannot open it. Remove the password and upload it again.',
  },
  pdf_malformed: {
    vi: 'Tệp PDF bị hỏng hoặc không đầy đủ, không đọc được. Hãy xuất lại PDF rồi tải lên lại.',
    en: 'The PDF is damaged or incomplete and cannot be read. Export it again and upload it again.',
  },
  too_large: {
    vi: 'Tệp quá lớn so với giới hạn cho phép.',
    en: 'The file is larger than the limit.',
  },
  bad_file_name: {
    vi: 'Tên tệp không hợp lệ: không được chứa dấu / \\ hay ký tự điều khiển, và không quá 200 ký tự.',
    en: 'The file name is not valid: no / \\ or control characters, at most 200 characters.',
  },
  empty_file: {
    vi: 'Tệp rỗng, không có nội dung.',
    en: 'The file is empty.',
  },
};

/**
 * Whether `name` may name a stored paper: no path (a slash, a backslash, a parent "..")
 * and no control character, so that no name ever points at another file, on the server or
 * when a reader saves it; no half character (it cannot be written into a header) and no
 * direction override ("gpj.exe" shown as "exe.jpg"); not blank, not too long.
 */
export function isValidDocumentFileName(name: string): boolean {
  const trimmed = name.trim();
  return (
    trimmed.length > 0 &&
    trimmed === name &&
    name.isWellFormed() &&
    !/[\u202A-\u202E\u2066-\u2069]/.test(name) &&
    name.length <= DOCUMENT_FILE_NAME_MAX_LENGTH &&
    !/[/\\]/.test(name) &&
    // eslint-disable-next-line no-control-regex -- control characters are what is refused
    !/[\u0000-\u001f\u007f]/.test(name) &&
    name !== '.' &&
    name !== '..'
  );
}

/** The first bytes of every PDF file (ISO 32000: "%PDF-" then the version). */
const PDF_SIGNATURE = [0x25, 0x50, 0x44, 0x46, 0x2d] as const;

/**
 * Whether a file begins as a PDF does, by its content rather than its name. A PDF reader
 * accepts the signature within the first 1024 bytes, after junk some tools write first.
 */
export function startsLikePdf(head: Uint8Array): boolean {
  const window = Math.min(head.length, 1024);
  outer: for (let start = 0; start + PDF_SIGNATURE.length <= window; start += 1) {
    for (let index = 0; index < PDF_SIGNATURE.length; index += 1)
      if (head[start + index] !== PDF_SIGNATURE[index]) continue outer;
    return true;
  }
  return false;
}
