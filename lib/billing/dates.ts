import { BillingError } from "./errors";

/**
 * UTC calendar arithmetic on date-only strings (`YYYY-MM-DD`) and periods (`YYYY-MM`). Dates are turned
 * into day numbers (days since 1970-01-01) so windows and day counts are plain integer subtraction; no
 * clock and no time zone is involved.
 */
export type IsoDate = string;
export type Period = string;

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
const PERIOD_PATTERN = /^(\d{4})-(\d{2})$/;
const MS_PER_DAY = 86_400_000;

function parseDate(date: IsoDate): { year: number; month: number; day: number } | null {
  const match = DATE_PATTERN.exec(date);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  return { year, month, day };
}

export function isIsoDate(value: string): boolean {
  return parseDate(value) !== null;
}

export function isPeriod(value: string): boolean {
  const match = PERIOD_PATTERN.exec(value);
  return match !== null && Number(match[2]) >= 1 && Number(match[2]) <= 12;
}

/** Days in `month` (1–12) of `year`, Gregorian. */
export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

export function toDayNumber(date: IsoDate): number {
  const parts = parseDate(date);
  if (!parts) throw new BillingError("invalid_date", `Not a calendar date (YYYY-MM-DD): "${date}"`);
  return Date.UTC(parts.year, parts.month - 1, parts.day) / MS_PER_DAY;
}

export function fromDayNumber(day: number): IsoDate {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

export function addDays(date: IsoDate, days: number): IsoDate {
  return fromDayNumber(toDayNumber(date) + days);
}

/** Whole days from `start` to `end` (negative when `end` is earlier). */
export function daysBetween(start: IsoDate, end: IsoDate): number {
  return toDayNumber(end) - toDayNumber(start);
}

function periodParts(period: Period): { year: number; month: number } {
  const match = PERIOD_PATTERN.exec(period);
  if (!match || !isPeriod(period))
    throw new BillingError("invalid_date", `Not a period (YYYY-MM): "${period}"`);
  return { year: Number(match[1]), month: Number(match[2]) };
}

/** First day of the period. */
export function periodStart(period: Period): IsoDate {
  return `${period}-01`;
}

/** Exclusive end of the period: the 1st of the next month (also the invoice date, §5.4). */
export function periodEnd(period: Period): IsoDate {
  const { year, month } = periodParts(period);
  return month === 12 ? `${year + 1}-01-01` : `${year}-${String(month + 1).padStart(2, "0")}-01`;
}

export function periodDays(period: Period): number {
  const { year, month } = periodParts(period);
  return daysInMonth(year, month);
}

/** Months since year 0 of a date or a period, so month distances are a subtraction. */
function monthIndex(dateOrPeriod: string): number {
  const { year, month } = periodParts(dateOrPeriod.slice(0, 7));
  return year * 12 + (month - 1);
}

/** Cycle k of a period: 1 for the month containing the paid start, 2 for the next, … (≤ 0 before it). */
export function cycleNumber(paidStart: IsoDate, period: Period): number {
  return monthIndex(period) - monthIndex(paidStart) + 1;
}

export function laterDate(a: IsoDate, b: IsoDate): IsoDate {
  return a >= b ? a : b;
}

export function earlierDate(a: IsoDate, b: IsoDate): IsoDate {
  return a <= b ? a : b;
}
