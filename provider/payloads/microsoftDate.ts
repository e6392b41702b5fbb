/**
 * A Microsoft JSON date as Comm100 sends it: `/Date(<milliseconds since epoch>)/`, optionally
 * with a `+hhmm`/`-hhmm` offset that does not change the instant.
 */
export const microsoftDatePattern = /^\/Date\((-?\d+)(?:[+-]\d{4})?\)\/$/;

/**
 * The instant a Microsoft JSON date stands for, e.g. `/Date(1584415749307)/` →
 * `2020-03-17T03:29:09.307Z`. Throws a `RangeError` naming the value when it is not one.
 */
export function parseMicrosoftDate(value: string): Date {
  const milliseconds = microsoftDatePattern.exec(value)?.[1];
  const date = new Date(Number(milliseconds));
  if (milliseconds === undefined || Number.isNaN(date.getTime())) {
    throw new RangeError(
      `${JSON.stringify(value)} is not a Microsoft JSON date such as /Date(1584415749307)/.`,
    );
  }
  return date;
}

/** `date` written the way Comm100 writes times, e.g. `/Date(1584415749307)/`. */
export function toMicrosoftDate(date: Date): string {
  return `/Date(${date.getTime()})/`;
}
