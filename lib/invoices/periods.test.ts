import { describe, expect, it } from "vitest";
import {
  assertPeriodClosed,
  assertPeriodStarted,
  lastClosedPeriod,
  periodState,
  recentClosedPeriods,
} from "./periods";
import { runControls } from "./run-jobs";

describe("billable periods", () => {
  it("closes a month at the end of its last day", () => {
    expect(periodState("2026-10", "2026-10-31")).toBe("current");
    expect(periodState("2026-10", "2026-11-01")).toBe("closed");
    expect(periodState("2026-12", "2027-01-01")).toBe("closed");
    expect(periodState("2026-12", "2026-12-31")).toBe("current");
    expect(periodState("2027-01", "2026-12-31")).toBe("future");
    expect(periodState("2099-12", "2026-11-24")).toBe("future");
  });

  it("refuses to bill an open month with the day it may be billed from", () => {
    expect(() => assertPeriodClosed("2027-01", "2026-11-24")).toThrow(
      "2027-01 has not ended yet: a month can be billed from the 1st day after it closes (2027-02-01)",
    );
    expect(() => assertPeriodClosed("2026-11", "2026-11-30")).toThrow("(2026-12-01)");
    expect(() => assertPeriodClosed("2026-10", "2026-11-01")).not.toThrow();
    expect(() => assertPeriodStarted("2026-11", "2026-11-01")).not.toThrow();
    expect(() => assertPeriodStarted("2026-12", "2026-11-30")).toThrow("2026-12 has not started yet");
    expect(() => periodState("2026-13", "2026-11-24")).toThrow("Not a period");
  });

  it("offers the closed months, newest first, across a year", () => {
    expect(lastClosedPeriod("2027-01-15")).toBe("2026-12");
    expect(recentClosedPeriods("2027-02-01", 3)).toEqual(["2027-01", "2026-12", "2026-11"]);
  });
});

describe("run controls", () => {
  const today = "2026-11-24";
  const run = (status: "running" | "drafted" | "issuing" | "issued" | "failed", period = "2026-10") => ({
    status,
    period,
  });

  it("a queued or active job means working: nothing to resume, nothing to issue yet", () => {
    for (const job of ["created", "retry", "active"] as const) {
      expect(runControls(run("running"), job, 0, today)).toMatchObject({ working: true, resume: null });
      expect(runControls(run("issuing"), job, 2, today)).toMatchObject({ working: true, resume: null });
      expect(runControls(run("drafted"), job, 2, today).canIssue).toBe(false);
    }
  });

  it("a run left running or issuing by a finished, failed or missing job resumes in its phase", () => {
    for (const job of [null, "failed", "completed", "cancelled"] as const) {
      expect(runControls(run("running"), job, 0, today)).toMatchObject({ stopped: true, resume: "drafting" });
      expect(runControls(run("issuing"), job, 2, today)).toMatchObject({ stopped: true, resume: "issuing" });
    }
    expect(runControls(run("failed"), "failed", 1, today)).toMatchObject({
      stopped: false,
      resume: "drafting",
    });
    expect(runControls(run("drafted"), "completed", 3, today)).toMatchObject({
      canIssue: true,
      resume: null,
    });
    expect(runControls(run("drafted"), "completed", 0, today).canIssue).toBe(false);
    expect(runControls(run("issued"), "completed", 0, today)).toMatchObject({ resume: null, stopped: false });
  });

  it("a run of a month that has not ended is blocked", () => {
    const c = runControls(run("drafted", "2027-01"), "completed", 3, today);
    expect(c).toMatchObject({ canIssue: false, resume: null });
    expect(c.blocked).toMatch(/2027-01 has not ended yet/);
  });
});
