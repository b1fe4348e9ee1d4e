import "server-only";
import { and, eq, gt, isNotNull, isNull, lte, ne } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { contractPendingChanges, contracts } from "@/db/schema";
import { type Actor, systemActor } from "@/lib/audit";
import { addDays } from "@/lib/billing";
import { assertIsoDate } from "./calendar";
import { applyCancellation } from "./cancel";
import { loadSettings } from "./store";
import { applyDueDowngrade, forEachLocked, type TickFailure } from "./tick-steps";
import { applyConversion } from "./trial";
import { cancelAfterGrace, endTrialByPolicy, sendTrialReminder } from "./trial-tick";

export type TickSummary = {
  today: string;
  cancelled: string[];
  converted: string[];
  downgraded: string[];
  trialsEnded: string[];
  graceCancelled: string[];
  reminders: { contractId: string; days: number }[];
  /** Contracts a step failed on (the others still ran); the next tick tries them again. */
  failed: TickFailure[];
};

/**
 * The daily lifecycle work, idempotent: every step selects what is due, then re-checks it under the row
 * lock in its own transaction, and the work it does makes it no longer due — so a second run on the same
 * day (or two ticks at once) changes nothing. A late tick catches up: dates come from the contract
 * (end date, scheduled 1st, trial end), never from the day it runs.
 */
export async function runLifecycleTick(
  db: DbOrTx,
  input: { today: string; actor?: Actor },
): Promise<TickSummary> {
  const today = assertIsoDate(input.today);
  const actor = input.actor ?? systemActor;
  const settings = await loadSettings(db);
  const failed: TickFailure[] = [];
  const on = (step: string) => ({ list: failed, step });
  const select = (condition: ReturnType<typeof and>) =>
    db
      .select({ id: contracts.id })
      .from(contracts)
      .where(condition)
      .then((rows) => rows.map((r) => r.id));

  // Cancellations first: a contract ending today needs no conversion, downgrade or reminder.
  const cancelled = await forEachLocked(
    db,
    await select(
      and(ne(contracts.state, "cancelled"), isNotNull(contracts.endDate), lte(contracts.endDate, today)),
    ),
    async (tx, c) => {
      if (c.state === "cancelled" || !c.endDate || c.endDate > today) return false;
      await applyCancellation(tx, c, {
        endDate: c.endDate,
        actor,
        event: "cancelled",
        reason: "end of the notice",
      });
      return true;
    },
    on("cancellation"),
  );

  const converted = await forEachLocked(
    db,
    await select(and(eq(contracts.state, "trial"), lte(contracts.conversionScheduledOn, today))),
    async (tx, c) => {
      if (c.state !== "trial" || !c.conversionScheduledOn || c.conversionScheduledOn > today) return false;
      const paidStart = c.conversionScheduledOn;
      await applyConversion(tx, c, { paidStart, rampUpCycles: c.rampUpCycles, actor, event: "converted" });
      return true;
    },
    on("conversion"),
  );

  const dueChanges = await db
    .select({ id: contractPendingChanges.contractId })
    .from(contractPendingChanges)
    .where(and(eq(contractPendingChanges.status, "pending"), lte(contractPendingChanges.effectiveOn, today)));
  const downgraded = await forEachLocked(
    db,
    dueChanges.map((r) => r.id),
    (tx, c) => applyDueDowngrade(tx, c, today, actor),
    on("downgrade"),
  );

  const ctx = { today, settings, actor };
  const trialsEnded = await forEachLocked(
    db,
    await select(
      and(
        eq(contracts.state, "trial"),
        isNull(contracts.conversionScheduledOn),
        lte(contracts.trialEndsOn, today),
      ),
    ),
    (tx, c) => endTrialByPolicy(tx, c, ctx),
    on("trial_end"),
  );

  const graceCancelled = await forEachLocked(
    db,
    await select(
      and(
        eq(contracts.state, "suspended"),
        eq(contracts.isTrial, true),
        lte(contracts.trialEndsOn, addDays(today, -settings.trialGraceDays)),
      ),
    ),
    (tx, c) => cancelAfterGrace(tx, c, ctx),
    on("grace_cancellation"),
  );

  const reminders: TickSummary["reminders"] = [];
  await forEachLocked(
    db,
    await select(
      and(
        eq(contracts.state, "trial"),
        isNull(contracts.conversionScheduledOn),
        gt(contracts.trialEndsOn, today),
        lte(contracts.trialEndsOn, addDays(today, 7)),
      ),
    ),
    async (tx, c) => {
      const days = await sendTrialReminder(tx, c, today);
      if (days !== null) reminders.push({ contractId: c.id, days });
      return days !== null;
    },
    on("trial_reminder"),
  );

  return { today, cancelled, converted, downgraded, trialsEnded, graceCancelled, reminders, failed };
}
