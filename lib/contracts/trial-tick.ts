import "server-only";
import { and, eq, like } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { type Contract, contractEvents, resellers } from "@/db/schema";
import type { Actor } from "@/lib/audit";
import { addDays } from "@/lib/billing";
import { enqueueEmail } from "@/lib/email/outbox";
import { daysUntil, formatDay } from "./calendar";
import { applyCancellation } from "./cancel";
import { type loadSettings, loadTier, queueJob, recordTransition } from "./store";
import { dueReminder, type ReminderDay } from "./transitions";
import { applyConversion } from "./trial";

type Settings = Awaited<ReturnType<typeof loadSettings>>;

/** A trial still running, without a conversion scheduled (that one supersedes the end policy). */
function isOpenTrial(contract: Contract): contract is Contract & { trialEndsOn: string } {
  return (
    contract.state === "trial" && contract.trialEndsOn !== null && contract.conversionScheduledOn === null
  );
}

/**
 * Trial end by policy (domain.md §3). `suspend`: tenant disabled, cancelled after the grace period.
 * `convert`: paid from the trial's end day, with the default ramp-up (an admin override stands).
 */
export async function endTrialByPolicy(
  tx: DbOrTx,
  contract: Contract,
  ctx: { today: string; settings: Settings; actor: Actor },
): Promise<boolean> {
  if (!isOpenTrial(contract) || contract.trialEndsOn > ctx.today) return false;
  const { settings } = ctx;
  if (settings.trialEndPolicy === "convert") {
    const rampUpCycles = contract.rampUpOverrideReason
      ? contract.rampUpCycles
      : Math.min(settings.rampUpDefaultCycles, settings.rampUpMaxCycles);
    await applyConversion(tx, contract, {
      paidStart: contract.trialEndsOn,
      rampUpCycles,
      actor: ctx.actor,
      event: "trial_ended_converted",
      reason: "trial ended (policy: convert)",
    });
    return true;
  }
  const jobId = await queueJob(tx, contract.id, "suspend", { reason: "trial ended" });
  const cancelOn = addDays(contract.trialEndsOn, settings.trialGraceDays);
  await recordTransition(tx, {
    contract,
    toState: "suspended",
    patch: { suspendedAt: new Date() },
    event: "trial_ended_suspended",
    actor: ctx.actor,
    reason: "trial ended (policy: suspend)",
    data: { jobId, cancelOn },
  });
  return true;
}

/** A trial suspended at its end and not converted is cancelled once the grace days have passed. */
export async function cancelAfterGrace(
  tx: DbOrTx,
  contract: Contract,
  ctx: { today: string; settings: Settings; actor: Actor },
): Promise<boolean> {
  if (contract.state !== "suspended" || !contract.isTrial || !contract.trialEndsOn) return false;
  if (addDays(contract.trialEndsOn, ctx.settings.trialGraceDays) > ctx.today) return false;
  // Never paid: the end date only records when the trial stopped.
  await applyCancellation(tx, contract, {
    endDate: contract.trialEndsOn,
    actor: ctx.actor,
    event: "trial_grace_expired",
    reason: `trial not converted within ${ctx.settings.trialGraceDays} days of its end`,
  });
  return true;
}

/** Sends the reminder due today (7, 3 or 1 days before the end), once: its contract event marks it sent. */
export async function sendTrialReminder(
  tx: DbOrTx,
  contract: Contract,
  today: string,
): Promise<ReminderDay | null> {
  if (!isOpenTrial(contract)) return null;
  const sentRows = await tx
    .select({ event: contractEvents.event })
    .from(contractEvents)
    .where(and(eq(contractEvents.contractId, contract.id), like(contractEvents.event, "trial_reminder_%")));
  const sent = sentRows.map((r) => Number(r.event.slice("trial_reminder_".length)));
  const daysLeft = daysUntil(today, contract.trialEndsOn);
  const due = dueReminder(daysLeft, sent);
  if (due === null) return null;
  const [reseller] = await tx.select().from(resellers).where(eq(resellers.id, contract.resellerId));
  const tier = await loadTier(tx, contract.tierId);
  const endsOn = formatDay(contract.trialEndsOn);
  const dayWord = daysLeft === 1 ? "1 day" : `${daysLeft} days`;
  await enqueueEmail(tx, {
    to: reseller!.billingEmail,
    subject: `Your ${tier.name} trial ends in ${dayWord}`,
    text:
      `Hello ${reseller!.name},\n\nYour ${tier.name} trial ends on ${endsOn}. ` +
      "Convert it to keep your customers protected without interruption. Converting on the 1st of next " +
      "month is recommended: Acronis bills a mid-month switch for the whole month.\n",
    template: `trial_reminder_${due}`,
    resellerId: contract.resellerId,
  });
  await tx.insert(contractEvents).values({
    contractId: contract.id,
    fromState: contract.state,
    toState: contract.state,
    event: `trial_reminder_${due}`,
    data: { daysLeft, trialEndsOn: contract.trialEndsOn },
  });
  return due;
}
