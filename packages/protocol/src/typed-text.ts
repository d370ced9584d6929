import { z } from 'zod';

/** Control characters (C0, DEL, C1), each line break and tab taken apart below. */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;
const LINE_BREAK_OR_TAB = /[\t\n\r]/;
/** Bidirectional overrides and isolates: they make text read other than it is stored. */
const BIDI_CONTROL = /[\u202A-\u202E\u2066-\u2069]/;
/** Characters that show nothing: a name made only of these (and spaces) is no name. */
const INVISIBLE = /[\s\u200B-\u200D\u2060\uFEFF]/g;

export type TextProblem = 'control' | 'unpaired_surrogate' | 'bidi_control' | 'invisible';

/**
 * What is wrong with a text a person typed, if anything: a control character (a tab or a
 * line break too, unless the text is `multiline`), half of a surrogate pair (no character at
 * all: the database refuses it), a bidirectional override, or nothing visible.
 *
 * @example
 * textProblem('Lò Thị Mai') // null
 * textProblem('Lò\u0000Mai') // 'control'
 * textProblem('\u200B\u200B') // 'invisible'
 */
export function textProblem(
  value: string,
  options: { readonly multiline?: boolean } = {},
): TextProblem | null {
  if (CONTROL.test(value)) return 'control';
  if (!options.multiline && LINE_BREAK_OR_TAB.test(value)) return 'control';
  if (!value.isWellFormed()) return 'unpaired_surrogate';
  if (BIDI_CONTROL.test(value)) return 'bidi_control';
  if (value.replace(INVISIBLE, '') === '') return 'invisible';
  return null;
}

/** What a form says next to a field whose text has a problem, Vietnamese first. */
export const TEXT_PROBLEM_MESSAGES: Readonly<Record<TextProblem, string>> = {
  control:
    'Có ký tự điều khiển hoặc xuống dòng không được phép: gõ lại ô này (a control character or line break is not allowed here: type it again)',
  unpaired_surrogate: 'Có ký tự hỏng (nửa ký tự): gõ lại ô này (a broken character: type it again)',
  bidi_control:
    'Có ký tự đảo chiều văn bản không được phép: gõ lại ô này (a text-direction control is not allowed: type it again)',
  invisible: 'Ô này chưa có chữ nào nhìn thấy được (this field has no visible text)',
};

/**
 * Words a person typed: trimmed, in Unicode NFC (Vietnamese marks composed, so they print
 * and compare as one text however they were typed), not empty, at most `max` characters,
 * and free of the problems `textProblem` names.
 *
 * @example
 * typedText(200).parse('  Lò Thị Mai ') // 'Lò Thị Mai'
 */
export function typedText(max: number, options: { readonly multiline?: boolean } = {}) {
  return z
    .string()
    .trim()
    .normalize('NFC')
    .min(1)
    .max(max)
    .superRefine((value, context) => {
      const problem = textProblem(value, options);
      if (problem) context.addIssue({ code: 'custom', message: TEXT_PROBLEM_MESSAGES[problem] });
    });
}

/** A text that may be left empty (then `''` once trimmed), otherwise as `typedText`. */
export function optionalTypedText(max: number) {
  return z
    .string()
    .trim()
    .normalize('NFC')
    .max(max)
    .superRefine((value, context) => {
      const problem = value === '' ? null : textProblem(value);
      if (problem) context.addIssue({ code: 'custom', message: TEXT_PROBLEM_MESSAGES[problem] });
    });
}
