import "server-only";
import { and, desc, eq, inArray, notExists, sql, TransactionRollbackError } from "drizzle-orm";
import type { Db } from "@/db/client";
import {
  type AlertRule,
  alertDeliveries,
  alertRules,
  distributorSettings,
  resellers,
  tiers,
  type UsageProjection,
  usageProjections,
} from "@/db/schema";
import { addDays, dec, isIsoDate, periodStart } from "@/lib/billing";
import { enqueueEmail } from "@/lib/email/outbox";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors/app-error";
import { log } from "@/lib/log";
import { emitUsageAlert } from "@/lib/webhooks/emit";
import { type CheaperTier, findCheaperTiers } from "./cheaper-tier";
import {
  type AlertMessage,
  cheaperTierMessage,
  type MessageContext,
  topUpProjectedMessage,
  usageShareMessage,
} from "./messages";

export type AlertEvaluationResult = {
  period: string;
  /** Enabled rules not yet delivered this month. */
  evaluated: number;
  /** Emails queued (one delivery each). */
  sent: number;
  /** Rules that fired but another worker delivered first. */
  taken: number;
  /** Rules whose delivery failed (logged); the next evaluation tries again. */
  failed: number;
};

type Candidate = Pick<AlertRule, "id" | "kind" | "resellerId" | "thresholdPercent" | "fromDay" | "email"> & {
  resellerName: string;
  billingEmail: string;
};

/**
 * Sends the alerts due on `today` (run after the projections are refreshed): each enabled rule of the
 * resellers (all, or `resellerIds`) not yet delivered this month is decided from usage_projections, and
 * cheaper_tier from the last closed month rated on each tier the contract can move to. A rule that fires
 * gets its delivery row and its email in one transaction; the delivery's key (rule, month) means at most
 * one email a month however many workers evaluate at once. Trials are not alerted (nothing is billed).
 */
export async function evaluateAlerts(
  db: Db,
  input: { today: string; resellerIds?: readonly string[]; appUrl?: string },
): Promise<AlertEvaluationResult> {
  const { today } = input;
  if (!isIsoDate(today)) throw new AppError("validation", "today must be a date YYYY-MM-DD");
  const period = today.slice(0, 7);
  const result: AlertEvaluationResult = { period, evaluated: 0, sent: 0, taken: 0, failed: 0 };
  if (input.resellerIds?.length === 0) return result;

  const candidates = await listCandidates(db, period, input.resellerIds ?? null);
  result.evaluated = candidates.length;
  if (candidates.length === 0) return result;
  const projections = await loadProjections(db, period, [...new Set(candidates.map((c) => c.resellerId))]);
  const cheaperWanted = candidates
    .filter((c) => c.kind === "cheaper_tier")
    .map((c) => projections.get(c.resellerId))
    .flatMap((p) => (p && !p.trial ? [p.contractId] : []));
  const previous = addDays(periodStart(period), -1).slice(0, 7);
  const cheaper = await findCheaperTiers(db, cheaperWanted, previous);

  const due: { rule: Candidate; build: (ctx: MessageContext) => AlertMessage }[] = [];
  for (const rule of candidates) {
    const build = decide(rule, projections.get(rule.resellerId), cheaper, today);
    if (build) due.push({ rule, build });
  }
  if (due.length === 0) return result;

  const shared = await messageContext(db, input.appUrl);
  for (const { rule, build } of due) {
    const ctx = { ...shared, resellerName: rule.resellerName };
    try {
      const outcome = await deliver(db, rule, period, build(ctx));
      result[outcome] += 1;
    } catch (error) {
      result.failed += 1;
      log.error({ err: error, ruleId: rule.id, kind: rule.kind, period }, "[alerts] delivery failed");
    }
  }
  return result;
}

/** The rule's message builder when it fires today, or null. */
function decide(
  rule: Candidate,
  p: UsageProjection | undefined,
  cheaper: Map<string, CheaperTier>,
  today: string,
): ((ctx: MessageContext) => AlertMessage) | null {
  if (!p || p.trial) return null;
  switch (rule.kind) {
    case "usage_share": {
      const threshold = rule.thresholdPercent;
      if (threshold === null || p.rampUpWaived || !dec(p.commitment).gt(0)) return null;
      const reached = dec(p.consumption).times(100).gte(dec(p.commitment).times(threshold));
      return reached ? (ctx) => usageShareMessage(ctx, p, threshold) : null;
    }
    case "topup_projected": {
      const day = Number(today.slice(8, 10));
      if (rule.fromDay === null || day < rule.fromDay || p.rampUpWaived) return null;
      return dec(p.projectedTopUp).gt(0) ? (ctx) => topUpProjectedMessage(ctx, p) : null;
    }
    case "cheaper_tier": {
      const found = cheaper.get(p.contractId);
      return found ? (ctx) => cheaperTierMessage(ctx, found) : null;
    }
  }
}

/**
 * One transaction: lock the rule (a second worker waits here, then sees the delivery), queue the email,
 * record the delivery. Should the delivery exist after all, everything rolls back: no second email.
 */
async function deliver(
  db: Db,
  rule: Candidate,
  period: string,
  message: AlertMessage,
): Promise<"sent" | "taken"> {
  let outcome: "sent" | "taken" = "taken";
  try {
    await db.transaction(async (tx) => {
      const [locked] = await tx
        .select({ id: alertRules.id, email: alertRules.email })
        .from(alertRules)
        .where(and(eq(alertRules.id, rule.id), eq(alertRules.enabled, true)))
        .for("update");
      if (!locked) return; // disabled or deleted meanwhile
      const [delivered] = await tx
        .select({ period: alertDeliveries.period })
        .from(alertDeliveries)
        .where(and(eq(alertDeliveries.ruleId, rule.id), eq(alertDeliveries.period, period)));
      if (delivered) return;
      const emailId = await enqueueEmail(tx, {
        to: locked.email ?? rule.billingEmail,
        ...message,
        resellerId: rule.resellerId,
      });
      const inserted = await tx
        .insert(alertDeliveries)
        .values({ ruleId: rule.id, period, emailId })
        .onConflictDoNothing()
        .returning({ ruleId: alertDeliveries.ruleId });
      if (inserted.length === 0) tx.rollback(); // another worker won: its email is the one
      await emitUsageAlert(tx, {
        ruleId: rule.id,
        resellerId: rule.resellerId,
        kind: rule.kind,
        period,
        thresholdPercent: rule.thresholdPercent,
        fromDay: rule.fromDay,
        subject: message.subject,
      });
      outcome = "sent";
    });
  } catch (error) {
    if (error instanceof TransactionRollbackError) return "taken";
    throw error;
  }
  return outcome;
}

/** Enabled rules without a delivery this month, with their reseller's name and billing email. */
function listCandidates(db: Db, period: string, resellerIds: readonly string[] | null): Promise<Candidate[]> {
  return db
    .select({
      id: alertRules.id,
      kind: alertRules.kind,
      resellerId: alertRules.resellerId,
      thresholdPercent: alertRules.thresholdPercent,
      fromDay: alertRules.fromDay,
      email: alertRules.email,
      resellerName: resellers.name,
      billingEmail: resellers.billingEmail,
    })
    .from(alertRules)
    .innerJoin(resellers, eq(resellers.id, alertRules.resellerId))
    .where(
      and(
        eq(alertRules.enabled, true),
        resellerIds ? inArray(alertRules.resellerId, [...resellerIds]) : undefined,
        notExists(
          db
            .select({ one: sql`1` })
            .from(alertDeliveries)
            .where(and(eq(alertDeliveries.ruleId, alertRules.id), eq(alertDeliveries.period, period))),
        ),
      ),
    )
    .orderBy(alertRules.resellerId, alertRules.kind);
}

/**
 * This month's projection per reseller: its paid contract's row before a trial's (a reseller has one live
 * contract; a second row is a cancelled one still ending this month).
 */
async function loadProjections(
  db: Db,
  period: string,
  resellerIds: readonly string[],
): Promise<Map<string, UsageProjection>> {
  const rows = await db
    .select()
    .from(usageProjections)
    .where(and(eq(usageProjections.period, period), inArray(usageProjections.resellerId, [...resellerIds])))
    .orderBy(usageProjections.trial, desc(usageProjections.computedAt));
  const byReseller = new Map<string, UsageProjection>();
  for (const row of rows) if (!byReseller.has(row.resellerId)) byReseller.set(row.resellerId, row);
  return byReseller;
}

async function messageContext(
  db: Db,
  appUrl: string | undefined,
): Promise<Omit<MessageContext, "resellerName">> {
  // Emailed links come from APP_URL only, never from a request (lib/http/origin.ts); the worker has none.
  const origin = appUrl ?? env().APP_URL;
  if (!origin) throw new AppError("internal", "APP_URL is not set: alert emails need the app's public URL.");
  const [settings] = await db
    .select({ name: distributorSettings.name })
    .from(distributorSettings)
    .where(eq(distributorSettings.id, 1));
  const tierRows = await db.select({ code: tiers.code, name: tiers.name }).from(tiers);
  const names = new Map(tierRows.map((tier) => [tier.code, tier.name]));
  return {
    brand: settings?.name ?? "Tierline",
    appUrl: origin.replace(/\/+$/, ""),
    tierName: (code) => names.get(code) ?? code,
  };
}
