/** Dates for datetime-local inputs, read and written in Vietnam's time (UTC+7). */

/** The value of a datetime-local input for `iso`, in Vietnam's time (UTC+7, no daylight saving). */
export function toLocalInput(iso: string | null): string {
  if (!iso) return '';
  return new Date(new Date(iso).getTime() + 7 * 3600_000).toISOString().slice(0, 16);
}

/** A datetime-local input's value, read as Vietnam's time, to an ISO string with its offset. */
export function fromLocalInput(value: string): string {
  return `${value}:00+07:00`;
}
