import type { PollOutcome } from '@hopxa/domain';

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
