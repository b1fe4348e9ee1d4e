import "server-only";
import { desc, eq, sql } from "drizzle-orm";
import { z } from "zod";
import type { Db, DbOrTx } from "@/db/client";
import { alertDeliveries, alertRules, emailOutbox, resellers } from "@/db/schema";
import { type Actor, writeAudit } from "@/lib/audit";
import { AppError } from "@/lib/errors/app-error";

export const ALERT_KINDS = ["usage_share", "topup_projected", "cheaper_tier"] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];

/** What the page suggests for a rule never saved (nothing is sent until the reseller saves it). */
export const DEFAULT_THRESHOLD_PERCENT = 80;
export const DEFAULT_FROM_DAY = 20;

export type AlertRuleSettings = {
  kind: AlertKind;
  /** False for a rule never saved: no row, no email. */
  saved: boolean;
  enabled: boolean;
  thresholdPercent: number | null;
  fromDay: number | null;
  /** Null: the reseller's billing email. */
  email: string | null;
};

export type ResellerAlertRules = {
  billingEmail: string;
  rules: Record<AlertKind, AlertRuleSettings>;
};

/** The reseller's three rules, a never-saved one shown with its defaults and disabled. */
export async function getAlertRules(db: DbOrTx, resellerId: string): Promise<ResellerAlertRules> {
  const [reseller] = await db
    .select({ billingEmail: resellers.billingEmail })
    .from(resellers)
    .where(eq(resellers.id, resellerId));
  if (!reseller) throw new AppError("not_found", "Reseller not found.");
  const rows = await db.select().from(alertRules).where(eq(alertRules.resellerId, resellerId));
  const byKind = new Map(rows.map((row) => [row.kind, row]));
  const rule = (kind: AlertKind): AlertRuleSettings => {
    const row = byKind.get(kind);
    if (row) {
      const { enabled, thresholdPercent, fromDay, email } = row;
      return { kind, saved: true, enabled, thresholdPercent, fromDay, email };
    }
    return {
      kind,
      saved: false,
      enabled: false,
      thresholdPercent: kind === "usage_share" ? DEFAULT_THRESHOLD_PERCENT : null,
      fromDay: kind === "topup_projected" ? DEFAULT_FROM_DAY : null,
      email: null,
    };
  };
  return {
    billingEmail: reseller.billingEmail,
    rules: {
      usage_share: rule("usage_share"),
      topup_projected: rule("topup_projected"),
      cheaper_tier: rule("cheaper_tier"),
    },
  };
}

const checkbox = z
  .string()
  .optional()
  .transform((v) => v === "on");

const whole = (label: string, min: number, max: number) =>
  z
    .string({ error: `Enter ${label}.` })
    .trim()
    .min(1, `Enter ${label}.`)
    .transform(Number)
    .pipe(
      z
        .number({ error: `Enter ${label} as a whole number.` })
        .int("Whole numbers only.")
        .min(min, `At least ${min}.`)
        .max(max, `At most ${max}.`),
    );

const optionalEmail = z
  .string()
  .optional()
  .transform((v) => v?.trim().toLowerCase() ?? "")
  .pipe(
    z.union([
      z.literal("").transform(() => null),
      z
        .string()
        .max(200, "Use at most 200 characters.")
        .email("Enter a valid email address, or leave it empty."),
    ]),
  );

/** The notification settings form: one enable switch, parameter and address per rule (FormData strings). */
export const alertRulesSchema = z.object({
  usageShareEnabled: checkbox,
  usageShareThreshold: whole("a percentage between 1 and 1000", 1, 1000),
  usageShareEmail: optionalEmail,
  topupEnabled: checkbox,
  topupFromDay: whole("a day between 1 and 28", 1, 28),
  topupEmail: optionalEmail,
  cheaperTierEnabled: checkbox,
  cheaperTierEmail: optionalEmail,
});

export type AlertRulesInput = z.infer<typeof alertRulesSchema>;

type RuleValues = {
  enabled: boolean;
  thresholdPercent: number | null;
  fromDay: number | null;
  email: string | null;
};

function ruleValuesOf(input: AlertRulesInput): Record<AlertKind, RuleValues> {
  return {
    usage_share: {
      enabled: input.usageShareEnabled,
      thresholdPercent: input.usageShareThreshold,
      fromDay: null,
      email: input.usageShareEmail,
    },
    topup_projected: {
      enabled: input.topupEnabled,
      thresholdPercent: null,
      fromDay: input.topupFromDay,
      email: input.topupEmail,
    },
    cheaper_tier: {
      enabled: input.cheaperTierEnabled,
      thresholdPercent: null,
      fromDay: null,
      email: input.cheaperTierEmail,
    },
  };
}

/**
 * Saves the reseller's three rules (one upsert per kind) and an audit entry naming what changed, in one
 * transaction.
 */
export async function saveAlertRules(
  db: Db,
  resellerId: string,
  input: AlertRulesInput,
  actor: Actor,
): Promise<void> {
  const values = ruleValuesOf(input);
  await db.transaction(async (tx) => {
    const before = await tx
      .select()
      .from(alertRules)
      .where(eq(alertRules.resellerId, resellerId))
      .for("update");
    const changed: Record<string, RuleValues> = {};
    for (const kind of ALERT_KINDS) {
      const next = values[kind];
      const old = before.find((row) => row.kind === kind);
      const same =
        old &&
        old.enabled === next.enabled &&
        old.thresholdPercent === next.thresholdPercent &&
        old.fromDay === next.fromDay &&
        old.email === next.email;
      if (same) continue;
      changed[kind] = next;
      await tx
        .insert(alertRules)
        .values({ resellerId, kind, ...next })
        .onConflictDoUpdate({
          target: [alertRules.resellerId, alertRules.kind],
          set: { ...next, updatedAt: sql`now()` },
        });
    }
    if (Object.keys(changed).length === 0) return;
    await writeAudit(tx, actor, {
      action: "alerts.rules_updated",
      entityType: "reseller",
      entityId: resellerId,
      resellerId,
      data: changed,
    });
  });
}

export type AlertDeliveryView = {
  kind: AlertKind;
  period: string;
  sentAt: Date;
  to: string;
  subject: string;
};

/** The reseller's latest alert emails, newest first. */
export async function listAlertDeliveries(
  db: DbOrTx,
  resellerId: string,
  options: { limit?: number } = {},
): Promise<AlertDeliveryView[]> {
  return db
    .select({
      kind: alertRules.kind,
      period: alertDeliveries.period,
      sentAt: alertDeliveries.sentAt,
      to: emailOutbox.to,
      subject: emailOutbox.subject,
    })
    .from(alertDeliveries)
    .innerJoin(alertRules, eq(alertRules.id, alertDeliveries.ruleId))
    .innerJoin(emailOutbox, eq(emailOutbox.id, alertDeliveries.emailId))
    .where(eq(alertRules.resellerId, resellerId))
    .orderBy(desc(alertDeliveries.sentAt), desc(alertDeliveries.period))
    .limit(options.limit ?? 24);
}
