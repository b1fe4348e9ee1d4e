/**
 * Shaping the dashboard data for charts (pure): folding series and bars beyond what a chart can show into
 * "Other", and exact sums for total rows. Sums use the billing engine's Decimal, never floats.
 */
import { dec } from "@/lib/billing/money";
import type { DailySeries } from "@/lib/dashboard/types";

/** At most this many stacked series: more colours stop being told apart. */
export const MAX_SERIES = 8;
/** At most this many bars in a horizontal bar chart (the table lists every row). */
export const MAX_BARS = 10;
/** The key of the folded series, as the server names it (lib/dashboard folds before we do). */
export const OTHER_KEY = "other";

/** The most decimals among the inputs, so a sum keeps their scale ("1.50" + "2.25" → "3.75"). */
function scaleOf(values: string[]): number {
  return values.reduce((max, v) => Math.max(max, v.split(".")[1]?.length ?? 0), 0);
}

/** The exact sum of decimal strings, at the scale of the inputs; "0" for none. */
export function sumDecimals(values: string[]): string {
  const sum = values.reduce((acc, v) => acc.plus(v === "" ? "0" : v), dec(0));
  return sum.toFixed(scaleOf(values));
}

/**
 * A daily series with at most `max` keys: the first `max - 1` (the server sends the largest first) and
 * "Other" holding the rest, including any "other" the server already folded. Totals are untouched.
 */
export function foldDailySeries(series: DailySeries, max = MAX_SERIES): DailySeries {
  if (series.keys.length <= max) return series;
  const existingOther = series.keys.find((k) => k.key === OTHER_KEY);
  const kept = series.keys.filter((k) => k.key !== OTHER_KEY).slice(0, max - 1);
  const keptKeys = new Set(kept.map((k) => k.key));
  const folded = series.keys.filter((k) => !keptKeys.has(k.key)).map((k) => k.key);
  return {
    ...series,
    keys: [...kept, { key: OTHER_KEY, label: existingOther?.label ?? "Other" }],
    days: series.days.map((d) => {
      const values: Record<string, string> = {};
      for (const k of kept) {
        const v = d.values[k.key];
        if (v !== undefined) values[k.key] = v;
      }
      values[OTHER_KEY] = sumDecimals(folded.map((key) => d.values[key] ?? "0"));
      return { ...d, values };
    }),
  };
}

/**
 * The first `max` items of a list sorted largest first, or the first `max - 1` and one item standing for
 * the rest (built by `other` from the folded items) when there are more.
 */
export function foldTail<T>(items: T[], max: number, other: (rest: T[]) => T): T[] {
  if (items.length <= max) return items;
  return [...items.slice(0, max - 1), other(items.slice(max - 1))];
}
