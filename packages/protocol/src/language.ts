/**
 * The cookie that keeps the interface language a browser chose ('vi' or 'en'): the pages
 * read it for their first render, the API for the language of its error sentences.
 */
export const LANGUAGE_COOKIE = 'hopxa-lang';
