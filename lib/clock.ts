/**
 * The one clock. Lifecycle rules, billing periods and usage days are UTC calendar days (`YYYY-MM-DD`);
 * request entry points (actions, route handlers, pages, the worker) read "today" here once and hand it
 * down. lib/billing never reads the clock: it is given `today` like any other input.
 */
export function now(): Date {
  return new Date();
}

/** The UTC calendar day of an instant: `2026-10-31`. */
export function utcDay(at: Date): string {
  return at.toISOString().slice(0, 10);
}

/** Today in UTC, or the UTC day of `at`. */
export function todayUtc(at: Date = now()): string {
  return utcDay(at);
}

/** The UTC day `days` before `at` (yesterday with 1). */
export function daysBeforeUtc(at: Date, days: number): string {
  return utcDay(new Date(at.getTime() - days * 86_400_000));
}

/**
 * The first day of `at`'s UTC month (`2026-10-01`), or of the month `months` after it (before it when
 * negative: `monthStartUtc(at, -6)` is `2026-04-01`).
 */
export function monthStartUtc(at: Date = now(), months = 0): string {
  return utcDay(new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth() + months, 1)));
}
