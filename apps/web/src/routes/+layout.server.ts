import { LANGUAGE_COOKIE, parseLanguage } from '#lib/i18n/language.ts';
import type { LayoutServerLoad } from './$types';

/** The interface language the browser chose last time, for the very first render. */
export const load: LayoutServerLoad = ({ cookies }) => ({
  language: parseLanguage(cookies.get(LANGUAGE_COOKIE)),
});
