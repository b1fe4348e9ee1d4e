import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { contracts, customers, resellers } from "@/db/schema";
import { seedDatabase } from "@/db/seed";
import { dec } from "@/lib/billing";
import { isAppError } from "@/lib/errors/app-error";
import { estimateMonthToDate, previewBillingRun } from "@/lib/invoices";
import { dailySeries } from "./daily";
import { customerUsage, monthlyHistory } from "./history";
import { usageSummary } from "./month";

// The dashboard's numbers must be the invoice's: the same loader and engine, so a month on the dashboard and
// its invoice (or the billing run's preview) can never disagree.
const db = () => globalThis.testDb.db;
const TODAY = "2026-11-18";
let northwind: string;
let kopernikus: string;

const sum = (values: string[]) => values.reduce((a, v) => a.plus(v), dec(0));

beforeAll(async () => {
  await seedDatabase(db(), { today: new Date(`${TODAY}T09:00:00Z`), demoInvoices: false });
  const rows = await db().select().from(resellers);
  northwind = rows.find((r) => r.internalTag === "demo-northwind")!.id;
  kopernikus = rows.find((r) => r.internalTag === "demo-kopernikus")!.id;
});

describe("usage summary", () => {
  it("shows the month to date exactly as the estimate, and its breakdowns add up to it", async () => {
    const summary = await usageSummary(db(), northwind, {}, TODAY);
    const [contract] = await db().select().from(contracts).where(eq(contracts.resellerId, northwind));
    const estimate = await estimateMonthToDate(db(), { contractId: contract!.id, asOf: TODAY });
    expect(summary.state).toBe("current");
    expect(summary.billable).toBe(true);
    expect(summary.figures.consumption).toBe(estimate.consumption);
    expect(summary.figures.total).toBe(estimate.total);
    expect(sum(summary.customers.map((c) => c.amount)).eq(summary.figures.consumption)).toBe(true);
    expect(sum(summary.services.map((s) => s.amount)).eq(summary.figures.consumption)).toBe(true);
    // Largest first.
    const amounts = summary.customers.map((c) => dec(c.amount));
    for (let i = 1; i < amounts.length; i += 1) expect(amounts[i - 1]!.gte(amounts[i]!)).toBe(true);
    // A projection can only add to peak services; counters grow with the days left.
    expect(summary.projection).not.toBeNull();
    expect(dec(summary.projection!.consumption).gte(summary.figures.consumption)).toBe(true);
    expect(summary.projection!.daysElapsed).toBe(18);
    expect(summary.projection!.daysInMonth).toBe(30);
  });

  it("rates a closed month exactly as the billing run's preview", async () => {
    const summary = await usageSummary(db(), northwind, { month: "2026-10" }, TODAY);
    const previews: { resellerId: string; consumption: string; total: string }[] = [];
    await previewBillingRun(db(), "2026-10", { onContract: (p) => previews.push(p) });
    const preview = previews.find((p) => p.resellerId === northwind)!;
    expect(summary.state).toBe("closed");
    expect(summary.projection).toBeNull();
    expect(summary.figures.consumption).toBe(preview.consumption);
    expect(summary.figures.total).toBe(preview.total);
  });

  it("narrows breakdowns by customer and service but keeps the month's figures", async () => {
    const all = await usageSummary(db(), northwind, {}, TODAY);
    const first = all.customers[0]!;
    const one = await usageSummary(db(), northwind, { customer: first.id }, TODAY);
    expect(one.customers).toHaveLength(1);
    expect(one.customers[0]!.amount).toBe(first.amount);
    expect(sum(one.services.map((s) => s.amount)).eq(first.amount)).toBe(true);
    expect(one.figures.consumption).toBe(all.figures.consumption);
    const sku = all.services[0]!.sku;
    const service = await usageSummary(db(), northwind, { service: sku }, TODAY);
    expect(service.services.map((s) => s.sku)).toEqual([sku]);
  });

  it("refuses another reseller's customer, an unknown service and a future month", async () => {
    const [other] = await db().select().from(customers).where(eq(customers.resellerId, kopernikus)).limit(1);
    const refused = await usageSummary(db(), northwind, { customer: other!.id }, TODAY).catch((e) => e);
    expect(isAppError(refused) && refused.code).toBe("not_found");
    const unknown = await usageSummary(db(), northwind, { service: "nope" }, TODAY).catch((e) => e);
    expect(isAppError(unknown) && unknown.code).toBe("not_found");
    const future = await usageSummary(db(), northwind, { month: "2026-12" }, TODAY).catch((e) => e);
    expect(isAppError(future) && future.code).toBe("validation");
    const page = await customerUsage(db(), northwind, other!.id, {}, TODAY).catch((e) => e);
    expect(isAppError(page) && page.code).toBe("not_found");
  });
});

describe("daily series", () => {
  it("ends on the month-to-date figure, by customer and by service", async () => {
    const summary = await usageSummary(db(), northwind, {}, TODAY);
    for (const by of ["customer", "service"] as const) {
      const series = await dailySeries(db(), northwind, { by }, TODAY);
      expect(series.days).toHaveLength(18);
      expect(series.days.at(-1)!.total).toBe(summary.figures.consumption);
      const last = series.days.at(-1)!;
      expect(sum(Object.values(last.values)).eq(last.total)).toBe(true);
      // Month to date never decreases for peak services.
      const totals = series.days.map((d) => dec(d.total));
      expect(totals[0]!.lte(totals.at(-1)!)).toBe(true);
    }
    const byService = await dailySeries(db(), northwind, { by: "service" }, TODAY);
    expect(byService.keys.length).toBeLessThanOrEqual(8);
  });
});

describe("history and customer page", () => {
  it("gives twelve months, estimates where no invoice was issued", async () => {
    const history = await monthlyHistory(db(), northwind, {}, TODAY);
    expect(history.months).toHaveLength(12);
    expect(history.months.at(-1)!.month).toBe("2026-11");
    expect(history.months.at(-1)!.source).toBe("estimate");
    // Paid since 2026-05-01: nothing before it.
    expect(history.months.find((m) => m.month === "2026-04")!.source).toBe("none");
    const summary = await usageSummary(db(), northwind, {}, TODAY);
    expect(history.months.at(-1)!.consumption).toBe(summary.figures.consumption);
  });

  it("shows a customer's services in billing units, with its cost matching the dashboard", async () => {
    const summary = await usageSummary(db(), northwind, {}, TODAY);
    const first = summary.customers[0]!;
    const page = await customerUsage(db(), northwind, first.id, {}, TODAY);
    expect(page.total).toBe(first.amount);
    const storage = page.services.find((s) => s.sku === "pw_base_storage");
    if (storage) {
      // Bytes shown in GB, and the billed quantity is the marked day's.
      expect(dec(storage.days[0]!.quantity).lt(100_000)).toBe(true);
      const marked = storage.days.find((d) => d.day === storage.billedDay)!;
      expect(marked.quantity).toBe(storage.billedQuantity);
    }
    expect(page.history.at(-1)).toMatchObject({ month: "2026-11", source: "estimate", amount: first.amount });
  });

  it("shows a trial customer's usage but rates none of it, on every figure", async () => {
    const [trial] = await db().select().from(customers).where(eq(customers.name, "Juniper Labs"));
    expect(trial).toMatchObject({ resellerId: northwind, pricingMode: "trial" });
    const page = await customerUsage(db(), northwind, trial!.id, {}, TODAY);
    expect(page.customer).toMatchObject({ name: "Juniper Labs", billed: false, path: "" });
    expect(page.services.length).toBeGreaterThan(0);
    expect(page.services.every((s) => dec(s.amount).isZero())).toBe(true);
    expect(page.total).toBe("0.00");
    const summary = await usageSummary(db(), northwind, {}, TODAY);
    expect(summary.customers.map((c) => c.id)).not.toContain(trial!.id);
    const daily = await dailySeries(db(), northwind, { by: "customer" }, TODAY);
    expect(daily.keys.map((k) => k.key)).not.toContain(trial!.id);
    // Customers in a folder and under a sub-partner are billed like any other, their path shown.
    const [inFolder] = await db().select().from(customers).where(eq(customers.name, "Harborview Hospital"));
    const folderPage = await customerUsage(db(), northwind, inFolder!.id, {}, TODAY);
    expect(folderPage.customer).toMatchObject({ billed: true, path: "Hospitals" });
    expect(summary.customers.map((c) => c.id)).toContain(inFolder!.id);
  });
});
