import { AppError } from "@/lib/errors/app-error";

/** The pure guard table of domain.md §3: which contract states each action may start from. */
export type ContractState =
  | "pending"
  | "provisioning_failed"
  | "trial"
  | "active"
  | "suspended"
  | "cancelled";

export const liveStates: readonly ContractState[] = [
  "pending",
  "provisioning_failed",
  "trial",
  "active",
  "suspended",
];

type Guard = { from: readonly ContractState[]; doing: string };

export const transitions = {
  markProvisioned: { from: ["pending"], doing: "mark the contract as provisioned" },
  markProvisioningFailed: { from: ["pending"], doing: "record a provisioning failure" },
  retryProvisioning: { from: ["provisioning_failed"], doing: "retry provisioning" },
  // `suspended` too: a trial suspended at its end (policy `suspend`) can still be converted during the grace.
  convertTrial: { from: ["trial", "suspended"], doing: "convert the trial" },
  cancelScheduledConversion: { from: ["trial"], doing: "cancel the scheduled conversion" },
  overrideRampUp: { from: ["pending", "provisioning_failed", "trial"], doing: "change the ramp-up" },
  upgradeTier: { from: ["trial", "active"], doing: "upgrade the tier" },
  scheduleDowngrade: { from: ["trial", "active"], doing: "schedule a downgrade" },
  withdrawDowngrade: { from: liveStates, doing: "withdraw the downgrade" },
  cancelContract: { from: liveStates, doing: "cancel the contract" },
  cancelImmediately: { from: liveStates, doing: "cancel the contract" },
  withdrawCancellation: { from: ["active", "suspended"], doing: "withdraw the cancellation" },
  suspendContract: { from: ["active"], doing: "suspend the contract" },
  resumeContract: { from: ["suspended"], doing: "resume the contract" },
} as const satisfies Record<string, Guard>;

export type TransitionName = keyof typeof transitions;

const stateWords: Record<ContractState, string> = {
  pending: "is still being set up in Acronis",
  provisioning_failed: "is waiting for its failed setup to be retried",
  trial: "is in trial",
  active: "is active",
  suspended: "is suspended",
  cancelled: "is cancelled",
};

export function canTransition(name: TransitionName, state: ContractState): boolean {
  return (transitions[name].from as readonly ContractState[]).includes(state);
}

/** Throws the refusal a reseller reads, e.g. "You cannot suspend the contract: it is cancelled." */
export function assertTransition(name: TransitionName, state: ContractState): void {
  if (!canTransition(name, state)) {
    throw new AppError("conflict", `You cannot ${transitions[name].doing}: it ${stateWords[state]}.`);
  }
}

export function isLive(state: ContractState): boolean {
  return state !== "cancelled";
}

/**
 * Ramp-up chosen by a reseller (at order or conversion): a whole number within the policy maximum.
 * Admins exceed it only through `overrideRampUp`, with a reason.
 */
export function assertRampUpChoice(cycles: number, maxCycles: number): void {
  if (!Number.isInteger(cycles) || cycles < 0) {
    throw new AppError("validation", "Ramp-up must be a whole number of months (0 or more).");
  }
  if (cycles > maxCycles) {
    const months = maxCycles === 1 ? "1 month" : `${maxCycles} months`;
    throw new AppError("validation", `Ramp-up can be at most ${months}; ${cycles} was asked.`);
  }
}

/** Reminders go out 7, 3 and 1 days before a trial ends. */
export const reminderDays = [7, 3, 1] as const;
export type ReminderDay = (typeof reminderDays)[number];

/**
 * The reminder due with `daysLeft` days to go: the most urgent threshold reached, so a tick that missed a
 * day still sends one (the most relevant) instead of a burst. Null when none is due or it was sent.
 */
export function dueReminder(daysLeft: number, alreadySent: readonly number[]): ReminderDay | null {
  if (daysLeft < 1) return null;
  const due = [...reminderDays].reverse().find((n) => daysLeft <= n) ?? null;
  if (due === null) return null;
  // Any reminder at least as urgent already sent covers this one.
  return alreadySent.some((n) => n <= due) ? null : due;
}
