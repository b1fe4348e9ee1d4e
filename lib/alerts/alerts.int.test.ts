import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import * as s from "@/db/schema";
import { seedDatabase } from "@/db/seed";
import type { Actor } from "@/lib/audit";
import { refreshProjections } from "@/lib/dashboard/projections-store";
import { evaluateAlerts } from "./evaluate";
import { afterUsageSync } from "./index";
import {
  type AlertRulesInput,
  alertRulesSchema,
  getAlertRules,
  listAlertDeliveries,
  saveAlertRules,
} from "./rules";
import { db, resellerWithContract, setUsage } from "./test-support";

const TODAY = "2026-11-24";
const appUrl = "https://portal.example";
const owner: Actor = { userId: null, label: "owner@test" };

/** The form as the page posts it: every rule off unless turned on. */
function form(fields: Partial<Record<keyof AlertRulesInput, string>>): AlertRulesInput {
  return alertRulesSchema.parse({ usageShareThreshold: "80", topupFromDay: "20", ...fields });
}

async function emailsOf(resellerId: string) {
  return db().select().from(s.emailOutbox).where(eq(s.emailOutbox.resellerId, resellerId));
}

async function deliveriesOf(resellerId: string) {
  return db()
    .select({ kind: s.alertRules.kind, period: s.alertDeliveries.period, emailId: s.alertDeliveries.emailId })
    .from(s.alertDeliveries)
    .innerJoin(s.alertRules, eq(s.alertRules.id, s.alertDeliveries.ruleId))
    .where(eq(s.alertRules.resellerId, resellerId));
}

/** A sync's aftermath for one reseller on `today`: its projection, then its alerts. */
async function evaluate(resellerId: string, today = TODAY) {
  await refreshProjections(db(), { today });
  return evaluateAlerts(db(), { today, resellerIds: [resellerId], appUrl });
}

beforeAll(async () => {
  await seedDatabase(db(), { today: new Date(`${TODAY}T00:00:00Z`) });
});

describe("alert rules", () => {
  it("validates the form: threshold 1–1000, day 1–28, an email or nothing", () => {
    const refused = alertRulesSchema.safeParse({
      usageShareThreshold: "0",
      topupFromDay: "29",
      usageShareEmail: "not an email",
    });
    expect(refused.success).toBe(false);
    const fields = refused.error?.issues.map((issue) => issue.path.join(".")).sort();
    expect(fields).toEqual(["topupFromDay", "usageShareEmail", "usageShareThreshold"]);
    expect(alertRulesSchema.safeParse({ usageShareThreshold: "1001", topupFromDay: "1" }).success).toBe(
      false,
    );
    expect(alertRulesSchema.safeParse({ usageShareThreshold: "2.5", topupFromDay: "1" }).success).toBe(false);
    const ok = form({ usageShareEnabled: "on", usageShareEmail: " Ops@Example.COM ", topupEmail: "" });
    expect(ok).toMatchObject({
      usageShareEnabled: true,
      usageShareEmail: "ops@example.com",
      topupEmail: null,
    });
    expect(ok.topupEnabled).toBe(false);
  });

  it("saves the three rules in one go, audited once per change", async () => {
    const f = await resellerWithContract({ tierCode: "T1", paidStart: "2026-06-01" });
    const before = await getAlertRules(db(), f.resellerId);
    expect(before.billingEmail).toBe(f.billingEmail);
    expect(before.rules.usage_share).toMatchObject({ saved: false, enabled: false, thresholdPercent: 80 });
    await saveAlertRules(
      db(),
      f.resellerId,
      form({ usageShareEnabled: "on", usageShareThreshold: "100" }),
      owner,
    );
    await saveAlertRules(
      db(),
      f.resellerId,
      form({ usageShareEnabled: "on", usageShareThreshold: "100" }),
      owner,
    );
    const after = await getAlertRules(db(), f.resellerId);
    expect(after.rules.usage_share).toMatchObject({
      saved: true,
      enabled: true,
      thresholdPercent: 100,
      email: null,
    });
    expect(after.rules.topup_projected).toMatchObject({ saved: true, enabled: false, fromDay: 20 });
    expect(after.rules.cheaper_tier).toMatchObject({ saved: true, enabled: false });
    const audits = await db()
      .select()
      .from(s.auditLog)
      .where(and(eq(s.auditLog.resellerId, f.resellerId), eq(s.auditLog.action, "alerts.rules_updated")));
    expect(audits).toHaveLength(1);
    expect(audits[0]?.actorLabel).toBe("owner@test");
  });
});

describe("evaluateAlerts", () => {
  it("sends one usage-share email when usage crosses the threshold, and only once a month", async () => {
    const f = await resellerWithContract({ tierCode: "T1", paidStart: "2026-06-01", name: "Acme Cloud" });
    await saveAlertRules(
      db(),
      f.resellerId,
      form({ usageShareEnabled: "on", usageShareThreshold: "80" }),
      owner,
    );
    const customer = f.customerIds[0]!;
    // 50 workstations × $3.80 = $190.00: 76 % of the $250.00 commitment.
    await setUsage(customer, "pw_base_workstations", { from: "2026-11-01", to: "2026-11-20" }, "50");
    expect(await evaluate(f.resellerId)).toMatchObject({ evaluated: 1, sent: 0 });
    expect(await emailsOf(f.resellerId)).toHaveLength(0);

    // 60 × $3.80 = $228.00: 91.2 %.
    await setUsage(customer, "pw_base_workstations", { from: "2026-11-21", to: TODAY }, "60");
    expect(await evaluate(f.resellerId)).toMatchObject({ sent: 1 });
    const [email, ...more] = await emailsOf(f.resellerId);
    expect(more).toHaveLength(0);
    expect(email).toMatchObject({ to: f.billingEmail, template: "alert_usage_share", status: "queued" });
    expect(email!.subject).toContain("91.2%");
    expect(email!.text).toContain("Hello Acme Cloud");
    expect(email!.text).toContain("$228.00");
    expect(email!.text).toContain("$250.00");
    expect(email!.text).toContain(`${appUrl}/portal/usage`);
    expect(await deliveriesOf(f.resellerId)).toEqual([
      { kind: "usage_share", period: "2026-11", emailId: email!.id },
    ]);

    // A second evaluation the same month adds nothing.
    expect(await evaluate(f.resellerId)).toMatchObject({ evaluated: 0, sent: 0 });
    expect(await emailsOf(f.resellerId)).toHaveLength(1);
    const listed = await listAlertDeliveries(db(), f.resellerId);
    expect(listed).toMatchObject([{ kind: "usage_share", period: "2026-11", to: f.billingEmail }]);
  });

  it("sends nothing for a disabled rule", async () => {
    const f = await resellerWithContract({ tierCode: "T1", paidStart: "2026-06-01" });
    await saveAlertRules(db(), f.resellerId, form({ usageShareThreshold: "10", topupFromDay: "1" }), owner);
    await setUsage(f.customerIds[0]!, "pw_base_workstations", { from: "2026-11-01", to: TODAY }, "60");
    expect(await evaluate(f.resellerId)).toMatchObject({ evaluated: 0, sent: 0 });
    expect(await emailsOf(f.resellerId)).toHaveLength(0);
  });

  it("sends the projected top-up alert from its day of the month, to the rule's own address", async () => {
    const f = await resellerWithContract({ tierCode: "T2", paidStart: "2026-06-01" });
    await saveAlertRules(
      db(),
      f.resellerId,
      form({ topupEnabled: "on", topupFromDay: "20", topupEmail: "finance@acme.example" }),
      owner,
    );
    await setUsage(f.customerIds[0]!, "pw_base_workstations", { from: "2026-11-01", to: TODAY }, "100");
    expect(await evaluate(f.resellerId, "2026-11-19")).toMatchObject({ evaluated: 1, sent: 0 });
    expect(await emailsOf(f.resellerId)).toHaveLength(0);

    expect(await evaluate(f.resellerId, "2026-11-20")).toMatchObject({ sent: 1 });
    const [email] = await emailsOf(f.resellerId);
    // 100 × $3.50 = $350.00 against $1,000.00: a $650.00 top-up.
    expect(email).toMatchObject({ to: "finance@acme.example", template: "alert_topup_projected" });
    expect(email!.subject).toContain("$650.00");
    expect(email!.text).toContain("$1,000.00");
    expect(email!.text).toContain(`${appUrl}/portal/usage`);
  });

  it("sends no top-up alert while the commitment is waived by ramp-up", async () => {
    const f = await resellerWithContract({ tierCode: "T2", paidStart: "2026-11-01", rampUpCycles: 1 });
    await saveAlertRules(
      db(),
      f.resellerId,
      form({ topupEnabled: "on", topupFromDay: "1", usageShareEnabled: "on", usageShareThreshold: "1" }),
      owner,
    );
    await setUsage(f.customerIds[0]!, "pw_base_workstations", { from: "2026-11-01", to: TODAY }, "100");
    expect(await evaluate(f.resellerId)).toMatchObject({ evaluated: 2, sent: 0 });
  });

  it("tells a reseller on a too-high tier which tier would have cost less last month", async () => {
    const high = await resellerWithContract({ tierCode: "T3", paidStart: "2026-06-01" });
    const fitting = await resellerWithContract({ tierCode: "T1", paidStart: "2026-06-01" });
    for (const f of [high, fitting]) {
      await saveAlertRules(db(), f.resellerId, form({ cheaperTierEnabled: "on" }), owner);
      await setUsage(
        f.customerIds[0]!,
        "pw_base_workstations",
        { from: "2026-10-01", to: "2026-10-31" },
        "100",
      );
    }
    // October on T3: $2,500.00 commitment; on T1: 100 × $3.80 = $380.00; on T0: $420.00; on T2: $1,000.00.
    expect(await evaluate(high.resellerId)).toMatchObject({ sent: 1 });
    const [email] = await emailsOf(high.resellerId);
    expect(email).toMatchObject({ template: "alert_cheaper_tier", to: high.billingEmail });
    expect(email!.subject).toContain("Tier 1");
    expect(email!.subject).toContain("$2,120.00");
    expect(email!.subject).toContain("October 2026");
    expect(email!.text).toContain("$2,500.00");
    expect(email!.text).toContain("$380.00");
    expect(await deliveriesOf(high.resellerId)).toMatchObject([{ kind: "cheaper_tier", period: "2026-11" }]);

    expect(await evaluate(fitting.resellerId)).toMatchObject({ evaluated: 1, sent: 0 });
    expect(await emailsOf(fitting.resellerId)).toHaveLength(0);
  });

  it("sends one email when two workers evaluate at once", async () => {
    const f = await resellerWithContract({ tierCode: "T1", paidStart: "2026-06-01" });
    await saveAlertRules(
      db(),
      f.resellerId,
      form({ usageShareEnabled: "on", usageShareThreshold: "50" }),
      owner,
    );
    await setUsage(f.customerIds[0]!, "pw_base_workstations", { from: "2026-11-01", to: TODAY }, "60");
    await refreshProjections(db(), { today: TODAY, contractIds: [f.contractId] });
    const run = () => evaluateAlerts(db(), { today: TODAY, resellerIds: [f.resellerId], appUrl });
    const results = await Promise.all([run(), run(), run()]);
    const total = (key: "evaluated" | "sent" | "taken" | "failed") => results.reduce((n, r) => n + r[key], 0);
    expect(total("sent")).toBe(1);
    expect(total("failed")).toBe(0);
    // Every worker that saw the rule undelivered either sent it or found it taken.
    expect(total("sent") + total("taken")).toBe(total("evaluated"));
    expect(await emailsOf(f.resellerId)).toHaveLength(1);
    expect(await deliveriesOf(f.resellerId)).toHaveLength(1);
  });

  it("runs after a sync through afterUsageSync: projections, then alerts", async () => {
    const f = await resellerWithContract({ tierCode: "T1", paidStart: "2026-06-01" });
    await saveAlertRules(
      db(),
      f.resellerId,
      form({ usageShareEnabled: "on", usageShareThreshold: "100" }),
      owner,
    );
    await setUsage(f.customerIds[0]!, "pw_base_workstations", { from: "2026-11-01", to: TODAY }, "70");
    await afterUsageSync(db(), TODAY, { appUrl });
    const [projection] = await db()
      .select()
      .from(s.usageProjections)
      .where(eq(s.usageProjections.contractId, f.contractId));
    expect(projection).toMatchObject({ asOf: TODAY, consumption: "266.0000" });
    expect(await emailsOf(f.resellerId)).toHaveLength(1);
  });

  it("does not alert a trial: nothing is billed", async () => {
    const f = await resellerWithContract({ tierCode: "T1", paidStart: null });
    await saveAlertRules(
      db(),
      f.resellerId,
      form({ usageShareEnabled: "on", usageShareThreshold: "1", topupEnabled: "on", topupFromDay: "1" }),
      owner,
    );
    await setUsage(f.customerIds[0]!, "pw_base_workstations", { from: "2026-11-05", to: TODAY }, "10");
    expect(await evaluate(f.resellerId)).toMatchObject({ evaluated: 2, sent: 0 });
  });
});
