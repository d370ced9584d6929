/** The interface's languages: Vietnamese first, English as the switch. */
export const LANGUAGES = ['vi', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

export { LANGUAGE_COOKIE } from '@hopxa/protocol';

export function parseLanguage(value: string | undefined | null): Language {
  return value === 'en' ? 'en' : 'vi';
}
