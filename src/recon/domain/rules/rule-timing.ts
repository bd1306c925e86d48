import { dateIn } from '../business-day.js';
import { formatMinutes } from '../reason-format.js';
import type { ReconRecord } from '../recon-record.js';
import { msPerMinute } from '../record-distance.js';
import { describeLedger } from './describe-ledger.js';
import type { LedgerCandidate } from './ledger-candidate.js';
import type { RuleTiming } from './match-rule.js';

const msPerDay = 86_400_000;

export type TimingCheck =
  | {
      readonly ok: true;
      readonly timeDiffMinutes?: number;
      readonly dayLag?: number;
      /** 1 at no difference, 0 at the limit; what the fuzzy score's time part uses. */
      readonly closeness: number;
    }
  | { readonly ok: false; readonly reasonCode: 'time_outside_window' | 'date_outside_lag'; readonly detail: string };

/** Applies a rule's timing to a pair; see RuleTiming for which comparison applies when. */
export function checkTiming(timing: RuleTiming, external: ReconRecord, internal: LedgerCandidate, timeZone: string): TimingCheck {
  const dateOnly = external.timePrecision === 'date';
  const timeDiffMs = Math.abs(external.occurredAt.getTime() - internal.occurredAt.getTime());
  const timeDiffMinutes = dateOnly ? undefined : timeDiffMs / msPerMinute;
  if (!dateOnly && timing.timeWindowMinutes !== undefined) return checkMinutes(timing.timeWindowMinutes, timeDiffMs, internal);
  if (dateOnly || timing.maxDateLagDays !== undefined) {
    return checkDays(timing.maxDateLagDays ?? 0, external, internal, timeZone, timeDiffMinutes, dateOnly && !hasTiming(timing));
  }
  return { ok: true, timeDiffMinutes, closeness: 1 };
}

function hasTiming(timing: RuleTiming): boolean {
  return timing.timeWindowMinutes !== undefined || timing.maxDateLagDays !== undefined;
}

/** Compared in whole milliseconds (instants are integers), so "exactly at the window" is exact. */
function checkMinutes(windowMinutes: number, ms: number, internal: LedgerCandidate): TimingCheck {
  const windowMs = windowMinutes * msPerMinute;
  const minutes = ms / msPerMinute;
  if (ms > windowMs) {
    return {
      ok: false,
      reasonCode: 'time_outside_window',
      detail: `${formatMinutes(minutes)} min from ${describeLedger(internal)}, beyond the rule's ${windowMinutes}-minute window`,
    };
  }
  return { ok: true, timeDiffMinutes: minutes, closeness: windowMs === 0 ? 1 : 1 - ms / windowMs };
}

function checkDays(
  maxLag: number,
  external: ReconRecord,
  internal: LedgerCandidate,
  timeZone: string,
  timeDiffMinutes: number | undefined,
  unconstrained: boolean,
): TimingCheck {
  const bookedOn = external.timePrecision === 'date' ? (external.bookingDate ?? utcDate(external.occurredAt)) : dateIn(timeZone, external.occurredAt.getTime());
  const ledgerDay = dateIn(timeZone, internal.occurredAt.getTime());
  const dayLag = (Date.parse(bookedOn) - Date.parse(ledgerDay)) / msPerDay;
  if (!unconstrained && (dayLag < 0 || dayLag > maxLag)) {
    const when = dayLag < 0 ? `${-dayLag} ${days(-dayLag)} before` : `${dayLag} ${days(dayLag)} after`;
    return {
      ok: false,
      reasonCode: 'date_outside_lag',
      detail:
        `booked ${bookedOn}, ${when} ${describeLedger(internal)} (business day ${ledgerDay} in ${timeZone}); ` +
        `the rule allows 0 to ${maxLag} ${days(maxLag)} after, never before`,
    };
  }
  return { ok: true, timeDiffMinutes, dayLag, closeness: unconstrained || maxLag === 0 ? 1 : 1 - dayLag / maxLag };
}

function days(count: number): string {
  return count === 1 ? 'day' : 'days';
}

/** A date-only record's occurredAt is 00:00 UTC of its booking date. */
function utcDate(instant: Date): string {
  return instant.toISOString().slice(0, 10);
}
