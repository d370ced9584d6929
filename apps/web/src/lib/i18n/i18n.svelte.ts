import { getContext, setContext } from 'svelte';
import { BODY_KIND_NAMES, type BodyKind } from '@hopxa/domain';
import { en } from './messages.en.ts';
import { vi, type Messages } from './messages.vi.ts';
import { dateFormat, percentFormat, remembered } from './formats.ts';
import { LANGUAGE_COOKIE, type Language } from './language.ts';

const KEY = Symbol('i18n');

/**
 * The interface's language for one page tree: its messages and Vietnam-time formats. Made
 * once in the root layout and handed down by context, so server renders never share one.
 */
export class I18n {
  language = $state<Language>('vi');

  constructor(language: Language) {
    this.language = language;
  }

  get t(): Messages {
    return this.language === 'en' ? en : vi;
  }

  get locale(): string {
    return this.language === 'en' ? 'en-GB' : 'vi-VN';
  }

  /** Hours and minutes in Vietnam's time, e.g. 08:05. */
  time(iso: string): string {
    return remembered(`time ${this.locale} ${iso}`, () =>
      dateFormat(this.locale, 'time').format(Date.parse(iso)),
    );
  }

  /** Hours, minutes and seconds in Vietnam's time, for when live figures were last heard. */
  clock(epochMs: number): string {
    return dateFormat(this.locale, 'clock').format(epochMs);
  }

  /** A Vietnam day (YYYY-MM-DD) with its weekday, e.g. Thứ Hai, 14/07/2025. */
  day(day: string): string {
    return dateFormat(this.locale, 'day').format(Date.parse(`${day}T12:00:00+07:00`));
  }

  dateTime(iso: string): string {
    return dateFormat(this.locale, 'dateTime').format(Date.parse(iso));
  }

  /**
   * What a body calls its meetings, for the middle of a sentence: "kỳ họp" for a People's
   * Council, "phiên họp" for a People's Committee, "hội nghị" for the Party and the Front.
   */
  meetingWord(kind: BodyKind): string {
    return remembered(`meeting ${this.locale} ${kind}`, () =>
      BODY_KIND_NAMES[kind].meeting[this.language].toLocaleLowerCase(this.locale),
    );
  }

  /** A share in hundredths of a percent (integer), as 52,00 % or 52.00%. */
  percent(basisPoints: number): string {
    return percentFormat(this.locale).format(basisPoints / 10_000);
  }

  switchTo(language: Language): void {
    this.language = language;
    document.cookie = `${LANGUAGE_COOKIE}=${language}; path=/; max-age=31536000; samesite=lax`;
    document.documentElement.lang = language;
  }
}

export function provideI18n(language: Language): I18n {
  return setContext(KEY, new I18n(language));
}

export function useI18n(): I18n {
  return getContext<I18n>(KEY);
}
