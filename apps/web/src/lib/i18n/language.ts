/** The interface's languages: Vietnamese first, English as the switch. */
export type Language = 'vi' | 'en';

export { LANGUAGE_COOKIE } from '@hopxa/protocol';

export function parseLanguage(value: string | undefined | null): Language {
  return value === 'en' ? 'en' : 'vi';
}
