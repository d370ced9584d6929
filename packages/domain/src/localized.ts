/**
 * A text in the interface's two languages: Vietnamese first, English second.
 *
 * @example
 * const title: Localized = { vi: 'Khai mạc', en: 'Opening' };
 */
export type Localized = { readonly vi: string; readonly en: string };
