import { vietnamDay, type PollOutcome } from '@hopxa/domain';

/** "52,00%": a share in hundredths of a percent, as Vietnamese papers write it. */
export const percentWords = (basisPoints: number): string =>
  `${(basisPoints / 100).toFixed(2).replace('.', ',')}%`;

/** A poll's outcome as the papers and the minutes state it. */
export const OUTCOME_WORDS: Readonly<Record<PollOutcome, string>> = {
  passed: 'Thông qua',
  failed: 'Không thông qua',
  tie: 'Số phiếu ngang nhau',
  consulted: 'Đã hiệp thương',
  elected: 'Có người trúng cử',
  not_elected: 'Không có người trúng cử',
};

/** "ngày 05 tháng 02 năm 2026": a day below 10 and a month below 3 get their 0 (Decree 30). */
export function dateWords(day: string): string {
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  const twoDigits = (value: number) => String(value).padStart(2, '0');
  return `ngày ${date < 10 ? twoDigits(date) : date} tháng ${month < 3 ? twoDigits(month) : month} năm ${year}`;
}

/** "08:05" in Vietnam's time. */
export const clockWords = (iso: string) =>
  new Date(new Date(iso).getTime() + 7 * 3600_000).toISOString().slice(11, 16);

/** Form 1.9's closing line: "Cuộc họp kết thúc vào 11 giờ 05, ngày 15 tháng 12 năm 2026./." */
export function closingWords(closedAt: string): string {
  const [hours, minutes] = clockWords(closedAt).split(':');
  return `Cuộc họp kết thúc vào ${hours} giờ ${minutes}, ${dateWords(vietnamDay(new Date(closedAt)))}./.`;
}
