/** The interface's languages: Vietnamese first, English as the switch. */
export const LANGUAGES = ['vi', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

/** The cookie that keeps a browser's choice, read on the server for the first render. */
export const LANGUAGE_COOKIE = 'hopxa-lang';

export function parseLanguage(value: string | undefined | null): Language {
  return value === 'en' ? 'en' : 'vi';
}
