import { isIsoDate, isPeriod, periodEnd } from "@/lib/billing";
import { AppError } from "@/lib/errors/app-error";

/**
 * Which months may be billed on `today` (YYYY-MM-DD, the caller's clock): a month closes at the end of its
 * last day, so it can be drafted and issued from the 1st of the next month on. The current month can only be
 * estimated; a future month not even that.
 */
export type PeriodState = "closed" | "current" | "future";

export function periodState(period: string, today: string): PeriodState {
  if (!isPeriod(period)) throw new AppError("validation", `Not a period (YYYY-MM): ${period}`);
  if (!isIsoDate(today)) throw new AppError("internal", `Not a date (YYYY-MM-DD): ${today}`);
  if (periodEnd(period) <= today) return "closed";
  return `${period}-01` <= today ? "current" : "future";
}

/** Refuses a month that has not ended on `today`: only closed months are drafted or issued. */
export function assertPeriodClosed(period: string, today: string): void {
  if (periodState(period, today) === "closed") return;
  throw new AppError(
    "validation",
    `${period} has not ended yet: a month can be billed from the 1st day after it closes (${periodEnd(period)})`,
  );
}

/** Refuses a month that has not started on `today`: there is nothing to estimate yet. */
export function assertPeriodStarted(period: string, today: string): void {
  if (periodState(period, today) !== "future") return;
  throw new AppError(
    "validation",
    `${period} has not started yet: a month can be previewed from its 1st day (${period}-01)`,
  );
}

/** The latest closed month on `today`: the month before today's. */
export function lastClosedPeriod(today: string): string {
  if (!isIsoDate(today)) throw new AppError("internal", `Not a date (YYYY-MM-DD): ${today}`);
  return shiftPeriod(today.slice(0, 7), -1);
}

/** The `count` latest closed months on `today`, newest first. */
export function recentClosedPeriods(today: string, count: number): string[] {
  const last = lastClosedPeriod(today);
  return Array.from({ length: count }, (_, i) => shiftPeriod(last, -i));
}

/** The month `months` after `period` (before it when negative). */
export function shiftPeriod(period: string, months: number): string {
  const year = Number(period.slice(0, 4));
  const month = Number(period.slice(5, 7));
  const index = year * 12 + (month - 1) + months;
  return `${String(Math.floor(index / 12)).padStart(4, "0")}-${String((index % 12) + 1).padStart(2, "0")}`;
}
