import { describe, expect, it } from "vitest";
import { acronisProductionSwitchDate, daysUntil, firstOfNextMonth, formatDay, trialEndFor } from "./calendar";

describe("contract calendar", () => {
  it.each([
    ["2026-11-24", "2026-12-01"],
    ["2026-12-01", "2027-01-01"],
    ["2026-12-31", "2027-01-01"],
  ])("the 1st after %s is %s", (day, next) => {
    expect(firstOfNextMonth(day)).toBe(next);
  });

  it.each([
    ["2026-11-24", "2027-01-01"],
    ["2026-11-01", "2026-12-01"],
    ["2026-02-28", "2026-04-01"],
  ])("Acronis switches a trial started %s to production on %s", (start, switchOn) => {
    expect(acronisProductionSwitchDate(start)).toBe(switchOn);
  });

  it("keeps a 30-day trial that fits the Acronis window", () => {
    expect(trialEndFor("2026-11-24", 30)).toEqual({ endsOn: "2026-12-24", clamped: false });
  });

  it("clamps a trial to the day before Acronis would switch it itself", () => {
    // Started on the 1st of February: Acronis switches on 1 March, after the one full month.
    expect(trialEndFor("2026-02-01", 30)).toEqual({ endsOn: "2026-02-28", clamped: true });
    expect(trialEndFor("2026-11-24", 60)).toEqual({ endsOn: "2026-12-31", clamped: true });
  });

  it("counts days left and formats dates for people", () => {
    expect(daysUntil("2026-11-24", "2026-12-01")).toBe(7);
    expect(formatDay("2026-12-01")).toBe("1 Dec 2026");
  });
});
