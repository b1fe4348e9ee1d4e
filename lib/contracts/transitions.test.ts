import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors/app-error";
import {
  assertRampUpChoice,
  assertTransition,
  type ContractState,
  canTransition,
  dueReminder,
  type TransitionName,
  transitions,
} from "./transitions";

const states: ContractState[] = [
  "pending",
  "provisioning_failed",
  "trial",
  "active",
  "suspended",
  "cancelled",
];

describe("guard table", () => {
  it("lets nothing leave cancelled", () => {
    for (const name of Object.keys(transitions) as TransitionName[])
      expect(canTransition(name, "cancelled")).toBe(false);
  });

  it.each([
    ["markProvisioned", ["pending"]],
    ["retryProvisioning", ["provisioning_failed"]],
    ["suspendContract", ["active"]],
    ["resumeContract", ["suspended"]],
    ["upgradeTier", ["trial", "active"]],
    ["withdrawCancellation", ["active", "suspended"]],
  ] as const)("%s only from %j", (name, allowed) => {
    for (const state of states)
      expect(canTransition(name, state)).toBe((allowed as readonly string[]).includes(state));
  });

  it("refuses with a sentence a reseller understands", () => {
    expect(() => assertTransition("suspendContract", "cancelled")).toThrow(
      "You cannot suspend the contract: it is cancelled.",
    );
    expect(() => assertTransition("upgradeTier", "pending")).toThrow(AppError);
  });
});

describe("ramp-up choice", () => {
  it("accepts 0..max and refuses more, negatives and fractions", () => {
    expect(() => assertRampUpChoice(0, 1)).not.toThrow();
    expect(() => assertRampUpChoice(1, 1)).not.toThrow();
    expect(() => assertRampUpChoice(2, 1)).toThrow("Ramp-up can be at most 1 month; 2 was asked.");
    expect(() => assertRampUpChoice(-1, 1)).toThrow(AppError);
    expect(() => assertRampUpChoice(0.5, 3)).toThrow(AppError);
  });
});

describe("trial reminders", () => {
  it.each([
    [8, [], null],
    [7, [], 7],
    [5, [7], null],
    [3, [7], 3],
    [2, [], 3],
    [1, [7, 3], 1],
    [1, [1], null],
    [0, [], null],
  ] as const)("%i days left, sent %j → %s", (daysLeft, sent, expected) => {
    expect(dueReminder(daysLeft, sent)).toBe(expected);
  });
});
