import { describe, expect, test } from "vitest";
import type { DailySeries } from "@/lib/dashboard/types";
import { foldDailySeries, foldTail, OTHER_KEY, sumDecimals } from "./series";

describe("sumDecimals", () => {
  test.each([
    [["1.50", "2.25"], "3.75"],
    [["0.1", "0.2"], "0.3"],
    [["10", "0.0001"], "10.0001"],
    [[], "0"],
    [["-1.00", "1.00"], "0.00"],
  ])("sumDecimals(%j) = %s, exactly", (values, expected) => {
    expect(sumDecimals(values)).toBe(expected);
  });
});

describe("foldDailySeries", () => {
  const keys = Array.from({ length: 10 }, (_, i) => ({ key: `c${i}`, label: `Customer ${i}` }));
  const series: DailySeries = {
    month: "2026-11",
    currency: "USD",
    by: "customer",
    keys,
    days: [
      {
        day: "2026-11-01",
        values: Object.fromEntries(keys.map((k, i) => [k.key, `${i + 1}.10`])),
        total: "60.00",
      },
    ],
  };

  test("leaves 8 keys or fewer alone", () => {
    const small = { ...series, keys: keys.slice(0, 8) };
    expect(foldDailySeries(small)).toBe(small);
  });

  test("keeps the first 7 and folds the rest into Other, exactly", () => {
    const folded = foldDailySeries(series);
    expect(folded.keys).toHaveLength(8);
    expect(folded.keys.at(-1)).toEqual({ key: OTHER_KEY, label: "Other" });
    expect(folded.days[0]?.values[OTHER_KEY]).toBe("27.30"); // 8.10 + 9.10 + 10.10
    expect(folded.days[0]?.values.c7).toBeUndefined();
    expect(folded.days[0]?.total).toBe("60.00");
  });

  test("merges an Other the server already folded", () => {
    const withOther: DailySeries = {
      ...series,
      keys: [...keys, { key: OTHER_KEY, label: "Other customers" }],
      days: [{ day: "2026-11-01", values: { ...series.days[0]?.values, other: "5.00" }, total: "65.00" }],
    };
    const folded = foldDailySeries(withOther);
    expect(folded.keys.at(-1)).toEqual({ key: OTHER_KEY, label: "Other customers" });
    expect(folded.days[0]?.values[OTHER_KEY]).toBe("32.30");
  });
});

describe("foldTail", () => {
  const other = (rest: number[]) => rest.reduce((a, b) => a + b, 0);
  test("keeps short lists, folds long ones into one last item", () => {
    expect(foldTail([5, 4, 3], 3, other)).toEqual([5, 4, 3]);
    expect(foldTail([5, 4, 3, 2, 1], 3, other)).toEqual([5, 4, 6]);
  });
});
