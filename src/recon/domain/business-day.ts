/**
 * The instant a calendar day starts in an IANA time zone ("UTC", "America/New_York"), from Intl alone:
 * guess the UTC midnight, correct by the zone's offset at the guess, then once more in case the first
 * correction crossed a daylight-saving change. Days are 23, 24 or 25 hours long accordingly.
 */
export function dayStartIn(timeZone: string, year: number, month: number, day: number): number {
  const guess = Date.UTC(year, month - 1, day);
  const first = guess - offsetMilliseconds(timeZone, guess);
  return guess - offsetMilliseconds(timeZone, first);
}

/** Building a DateTimeFormat costs far more than using one, and jobs ask for the date of every record. */
const wallClockFormats = new Map<string, Intl.DateTimeFormat>();

function wallClockFormat(timeZone: string): Intl.DateTimeFormat {
  let format = wallClockFormats.get(timeZone);
  if (format === undefined) {
    format = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' });
    wallClockFormats.set(timeZone, format);
  }
  return format;
}

/** How far `timeZone`'s wall clock is ahead of UTC at `instant`. */
export function offsetMilliseconds(timeZone: string, instant: number): number {
  if (timeZone === 'UTC') return 0;
  const parts = wallClockFormat(timeZone)
    .formatToParts(new Date(instant))
    .reduce<Record<string, number>>((all, part) => (part.type === 'literal' ? all : { ...all, [part.type]: Number(part.value) }), {});
  const wallClock = Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute, parts.second);
  return wallClock - Math.floor(instant / 1000) * 1000;
}

/** The calendar date (YYYY-MM-DD) `instant` falls on in `timeZone`. */
export function dateIn(timeZone: string, instant: number): string {
  return new Date(instant + offsetMilliseconds(timeZone, instant)).toISOString().slice(0, 10);
}

export function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}
