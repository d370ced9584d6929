/**
 * The screens' formats of dates and numbers, each made once per locale and kept. Making an
 * Intl format takes about a millisecond, and formatting or lower-casing in a locale tens of
 * microseconds: a province board of hundreds of sittings spent most of its drawing on them.
 * Nothing kept here is anyone's data, so one page tree's are every tree's.
 */

const TIME_ZONE = 'Asia/Ho_Chi_Minh';

/** The date and time formats the screens use, each read in Vietnam's time. */
const DATE_FORMATS = {
  time: { hour: '2-digit', minute: '2-digit' },
  clock: { hour: '2-digit', minute: '2-digit', second: '2-digit' },
  day: { weekday: 'long', day: '2-digit', month: '2-digit', year: 'numeric' },
  dateTime: {
    hour: '2-digit',
    minute: '2-digit',
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
  },
} as const satisfies Record<string, Intl.DateTimeFormatOptions>;

const dateFormats = new Map<string, Intl.DateTimeFormat>();
const percentFormats = new Map<string, Intl.NumberFormat>();
const texts = new Map<string, string>();

export function dateFormat(locale: string, name: keyof typeof DATE_FORMATS): Intl.DateTimeFormat {
  const key = `${locale} ${name}`;
  let format = dateFormats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, { ...DATE_FORMATS[name], timeZone: TIME_ZONE });
    dateFormats.set(key, format);
  }
  return format;
}

/** A share with two decimals, e.g. 52,00 % in Vietnamese. */
export function percentFormat(locale: string): Intl.NumberFormat {
  let format = percentFormats.get(locale);
  if (!format) {
    format = new Intl.NumberFormat(locale, {
      style: 'percent',
      minimumFractionDigits: 2,
      maximumFractionDigits: 2,
    });
    percentFormats.set(locale, format);
  }
  return format;
}

/**
 * A text made once for `key` and kept (a time of day, a body's word in a locale): a board's
 * sittings share a few starting times and five bodies' words. Forgotten all at once when many.
 */
export function remembered(key: string, make: () => string): string {
  let text = texts.get(key);
  if (text === undefined) {
    if (texts.size >= 10_000) texts.clear();
    text = make();
    texts.set(key, text);
  }
  return text;
}
