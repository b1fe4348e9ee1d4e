import { addDays, daysBetween, type IsoDate, isIsoDate, periodEnd } from "@/lib/billing";
import { AppError } from "@/lib/errors/app-error";

/** Contract dates are UTC calendar days (`YYYY-MM-DD`); the clock is always a parameter, never `new Date()`. */
export function assertIsoDate(value: string, field = "today"): IsoDate {
  if (!isIsoDate(value)) throw new AppError("validation", `${field} must be a calendar date (YYYY-MM-DD).`);
  return value;
}

/** The 1st of the month after `day`: when downgrades, scheduled conversions and cancellations take effect. */
export function firstOfNextMonth(day: IsoDate): IsoDate {
  return periodEnd(day.slice(0, 7));
}

/**
 * The day Acronis switches a trial tenant to production by itself: after one full calendar month in trial,
 * i.e. the 1st of the month after the first full month (same rule as the simulator's `trialEndDate`).
 */
export function acronisProductionSwitchDate(trialStart: IsoDate): IsoDate {
  const next = firstOfNextMonth(trialStart);
  return trialStart.endsWith("-01") ? next : firstOfNextMonth(next);
}

/**
 * The trial's end (exclusive: the first day no longer in trial) for a trial starting on `start`. Clamped,
 * not refused, to the day before Acronis's own switch, so our tick (suspend or convert) always acts first:
 * the setting is distributor-wide and a reseller should not be refused a trial for ordering on the 1st.
 */
export function trialEndFor(start: IsoDate, trialDays: number): { endsOn: IsoDate; clamped: boolean } {
  const wanted = addDays(start, Math.max(1, trialDays));
  const latest = addDays(acronisProductionSwitchDate(start), -1);
  return wanted <= latest ? { endsOn: wanted, clamped: false } : { endsOn: latest, clamped: true };
}

/** Whole days from `today` until `endsOn` (0 on the end day, negative after). */
export function daysUntil(today: IsoDate, endsOn: IsoDate): number {
  return daysBetween(today, endsOn);
}

const dayFormat = new Intl.DateTimeFormat("en-GB", {
  day: "numeric",
  month: "short",
  year: "numeric",
  timeZone: "UTC",
});

/** "1 Dec 2026": how dates appear in refusal messages and emails. */
export function formatDay(day: IsoDate): string {
  return dayFormat.format(new Date(`${day}T00:00:00Z`));
}
