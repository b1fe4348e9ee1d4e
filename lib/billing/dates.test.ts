import { describe, expect, it } from "vitest";
import { addDays, cycleNumber, daysBetween, isIsoDate, periodDays, periodEnd, toDayNumber } from "./dates";

describe("dates", () => {
  it.each([
    ["2024-02", 29, "2024-03-01"],
    ["2023-02", 28, "2023-03-01"],
    ["2100-02", 28, "2100-03-01"],
    ["2000-02", 29, "2000-03-01"],
    ["2024-12", 31, "2025-01-01"],
    ["2024-04", 30, "2024-05-01"],
  ])("%s has %i days and ends (exclusive) on %s", (period, days, end) => {
    expect(periodDays(period)).toBe(days);
    expect(periodEnd(period)).toBe(end);
  });

  it.each([
    ["2024-01-15", "2024-01", 1],
    ["2024-01-31", "2024-03", 3],
    ["2023-06-01", "2024-03", 10],
    ["2023-12-20", "2024-01", 2],
    ["2024-03-01", "2024-02", 0],
  ])("paid from %s, period %s is cycle %i", (paidStart, period, cycle) => {
    expect(cycleNumber(paidStart, period)).toBe(cycle);
  });

  it("counts whole days across months and leap days", () => {
    expect(daysBetween("2024-01-15", "2024-02-01")).toBe(17);
    expect(daysBetween("2024-02-28", "2024-03-01")).toBe(2);
    expect(addDays("2024-03-01", -1)).toBe("2024-02-29");
    expect(addDays("2024-12-31", 1)).toBe("2025-01-01");
  });

  it("rejects dates that are not on the calendar", () => {
    expect(isIsoDate("2024-02-30")).toBe(false);
    expect(isIsoDate("2024-13-01")).toBe(false);
    expect(isIsoDate("2024-2-01")).toBe(false);
    expect(() => toDayNumber("2023-02-29")).toThrow("Not a calendar date");
  });
});
