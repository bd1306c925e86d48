import { DateTime, FixedOffsetZone, IANAZone, type Zone } from 'luxon';
import type { ColumnMapping } from '../../domain/recon-source.js';
import { parseCsvTimestamp, type Parsed } from './csv-values.js';

/** How a row's date cells are read: an old fixed `dateFormat`, or a luxon `datePattern`. */
export type DateReading =
  | { readonly kind: 'dateFormat'; readonly format: NonNullable<ColumnMapping['dateFormat']> }
  | {
      readonly kind: 'pattern';
      readonly pattern: string;
      /** No time part and no time column: the row gives a booking date, not an instant. */
      readonly dateOnly: boolean;
      /** Tried in order for a separate time column. */
      readonly timePatterns: readonly string[];
    };

/** What a row's date cells say. */
export type RowDate =
  | { readonly precision: 'time'; readonly occurredAt: Date }
  | { readonly precision: 'date'; readonly bookingDate: string; readonly occurredAt: Date };

export interface DateCells {
  readonly date: string;
  /** The separate time column's cell, when the mapping has one. */
  readonly time?: string;
  /** The zone column's zone, when the mapping has one; otherwise the mapping's timeZone. */
  readonly zone: Zone;
}

/** Month names are English whatever the machine's locale, so a pattern reads the same everywhere. */
const locale = 'en-US';
export const defaultTimePatterns = ['H:mm:ss', 'H:mm'] as const;

/**
 * Whether `pattern` is a luxon format that can carry a full date, and whether it has a time part: a
 * sample instant is formatted and parsed back (luxon has no other way to validate a format).
 */
export function describeDatePattern(pattern: string): { dateOnly: boolean } | undefined {
  const sample = DateTime.fromObject({ year: 2031, month: 11, day: 23, hour: 14, minute: 37 }, { zone: 'UTC', locale });
  const back = DateTime.fromFormat(sample.toFormat(pattern), pattern, { zone: 'UTC', locale });
  if (!back.isValid || back.year !== 2031 || back.month !== 11 || back.day !== 23) return undefined;
  return { dateOnly: back.hour === 0 && back.minute === 0 };
}

/** The same check for a time-of-day pattern. */
export function isTimePattern(pattern: string): boolean {
  const sample = DateTime.fromObject({ year: 2031, month: 11, day: 23, hour: 14, minute: 37 }, { zone: 'UTC', locale });
  const back = DateTime.fromFormat(`2031-11-23 ${sample.toFormat(pattern)}`, `yyyy-MM-dd ${pattern}`, { zone: 'UTC', locale });
  return back.isValid && back.hour === 14 && back.minute === 37;
}

export function readRowDate(cells: DateCells, reading: DateReading): Parsed<RowDate> {
  if (reading.kind === 'dateFormat') return readWithDateFormat(cells.date, reading.format, cells.zone);
  if (cells.time === undefined) {
    const parsed = fromPattern(cells.date, reading.pattern, reading.dateOnly ? FixedOffsetZone.utcInstance : cells.zone);
    if (parsed === undefined) return notADate(cells.date, reading.pattern);
    if (!reading.dateOnly) return { ok: true, value: { precision: 'time', occurredAt: parsed.toJSDate() } };
    const bookingDate = parsed.toISODate()!;
    return { ok: true, value: { precision: 'date', bookingDate, occurredAt: new Date(`${bookingDate}T00:00:00Z`) } };
  }
  for (const timePattern of reading.timePatterns) {
    const parsed = fromPattern(`${cells.date} ${cells.time}`, `${reading.pattern} ${timePattern}`, cells.zone);
    if (parsed !== undefined) return { ok: true, value: { precision: 'time', occurredAt: parsed.toJSDate() } };
  }
  const date = fromPattern(cells.date, reading.pattern, FixedOffsetZone.utcInstance);
  return date === undefined
    ? notADate(cells.date, reading.pattern)
    : { ok: false, reason: `'${cells.time}' is not a time (expected ${reading.timePatterns.join(' or ')})` };
}

/** A YYYY-MM-DD calendar date, for value dates. */
export function readCalendarDate(text: string, pattern: string): Parsed<string> {
  const parsed = fromPattern(text, pattern, FixedOffsetZone.utcInstance);
  return parsed === undefined ? notADate(text, pattern) : { ok: true, value: parsed.toISODate()! };
}

/**
 * Zone abbreviations are fixed offsets (CEST is +02:00 whatever the date); IANA names follow their
 * daylight-saving rules; offsets read as written.
 */
const abbreviations: ReadonlyMap<string, number> = new Map([
  ['UTC', 0], ['GMT', 0], ['Z', 0], ['WET', 0], ['WEST', 60], ['BST', 60], ['CET', 60], ['CEST', 120], ['EET', 120],
  ['EEST', 180], ['EST', -300], ['EDT', -240], ['CST', -360], ['CDT', -300], ['MST', -420], ['MDT', -360], ['PST', -480], ['PDT', -420],
]);

export function parseZone(text: string): Parsed<Zone> {
  const trimmed = text.trim();
  const abbreviation = abbreviations.get(trimmed.toUpperCase());
  if (abbreviation !== undefined) return { ok: true, value: FixedOffsetZone.instance(abbreviation) };
  const offset = /^(?:UTC|GMT)?\s*([+-])(\d{1,2})(?::?(\d{2}))?$/i.exec(trimmed);
  if (offset !== null) {
    const minutes = Number(offset[2]) * 60 + Number(offset[3] ?? 0);
    if (Number(offset[2]) <= 14 && Number(offset[3] ?? 0) < 60) return { ok: true, value: FixedOffsetZone.instance(offset[1] === '-' ? -minutes : minutes) };
  }
  if (trimmed.includes('/') && IANAZone.isValidZone(trimmed)) return { ok: true, value: IANAZone.create(trimmed) };
  return { ok: false, reason: `'${text}' is not a time zone (expected e.g. Europe/Paris, CET or +01:00)` };
}

function fromPattern(text: string, pattern: string, zone: Zone): DateTime | undefined {
  const parsed = DateTime.fromFormat(text.trim(), pattern, { zone, locale });
  return parsed.isValid ? parsed : undefined;
}

/**
 * The old fixed formats keep their own parser and messages; only a wall-clock time without an offset
 * moves into the zone (UTC unless configured, as before).
 */
function readWithDateFormat(text: string, format: NonNullable<ColumnMapping['dateFormat']>, zone: Zone): Parsed<RowDate> {
  const parsed = parseCsvTimestamp(text, format);
  if (!parsed.ok) return { ok: false, reason: parsed.reason + pendingHint(text) };
  const hasOffset = format === 'epoch_ms' || (format === 'iso' && /T.*(?:Z|[+-]\d{2}:?\d{2})$/.test(text.trim()));
  if (hasOffset || (zone.isUniversal && zone.offset(0) === 0)) return { ok: true, value: { precision: 'time', occurredAt: parsed.value } };
  const wallClock = DateTime.fromISO(parsed.value.toISOString().slice(0, 23), { zone });
  return { ok: true, value: { precision: 'time', occurredAt: wallClock.toJSDate() } };
}

function notADate(text: string, pattern: string): { ok: false; reason: string } {
  return { ok: false, reason: `'${text}' is not a date (expected ${pattern})${pendingHint(text)}` };
}

/** Card and wallet exports list authorisations not yet booked with a word where the date goes. */
const pendingWords = /^(pending|en attente|in afwachting|in behandeling|ausstehend|vorgemerkt|pendiente|in sospeso|authori[sz]ed|processing)$/i;

function pendingHint(text: string): string {
  return pendingWords.test(text.trim()) ? '; pending transactions are not booked yet' : '';
}
