import { and, desc, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import * as s from "@/db/schema";
import { seedDatabase } from "@/db/seed";
import { demoResellers } from "@/db/seed/demo";
import { listResellers } from "@/lib/admin/queries";
import { getResellerDetail } from "@/lib/admin/reseller-detail";
import { signInWithPassword } from "@/lib/auth/credentials";
import { resetPassword } from "@/lib/auth/password-reset";
import { dec } from "@/lib/billing";
import { markProvisioned } from "@/lib/contracts";
import { AppError } from "@/lib/errors/app-error";
import { startBillingRun } from "@/lib/invoices/billing-run";
import { loadCatalogue } from "@/lib/invoices/catalogue-loader";
import { loadContractInputs } from "@/lib/invoices/contract-loader";
import { getInvoiceDocument } from "@/lib/invoices/document";
import { issueInvoice } from "@/lib/invoices/issue";
import { streamBillingPreview } from "@/lib/invoices/preview";
import { rateLoadedContract } from "@/lib/invoices/rate-contracts";
import { STEP_PLANS } from "@/lib/provisioning/steps";
import { updateResellerDetails } from "./edit";
import { setPriceAdjustment } from "./price-adjustment";
import { overrideRampUpConfirmed } from "./ramp-up";
import { editResellerSchema, priceAdjustmentInputSchema, rampUpInputSchema } from "./schema";
import { admin, createByHand, resellerRow } from "./test-support";

const TODAY = "2026-11-24";
const PERIOD = "2026-11";
const db = (): Db => globalThis.testDb.db;

beforeAll(async () => {
  await seedDatabase(db(), { today: new Date(`${TODAY}T00:00:00Z`) });
});

async function byTag(tag: string) {
  const [row] = await db().select().from(s.resellers).where(eq(s.resellers.internalTag, tag));
  return row!;
}

async function contractOf(resellerId: string) {
  const [row] = await db().select().from(s.contracts).where(eq(s.contracts.resellerId, resellerId));
  return row!;
}

async function lastAudit(action: string, resellerId: string) {
  const [row] = await db()
    .select()
    .from(s.auditLog)
    .where(and(eq(s.auditLog.action, action), eq(s.auditLog.resellerId, resellerId)))
    .orderBy(desc(s.auditLog.id))
    .limit(1);
  return row;
}

/** The preview of `PERIOD` for one contract, as the back office's billing preview streams it. */
async function previewOf(contractId: string) {
  for await (const c of streamBillingPreview(db(), PERIOD)) if (c.contractId === contractId) return c;
  throw new Error("contract not in the preview");
}

/** The rated lines of the contract's preview (unit prices included). */
async function previewLines(contractId: string) {
  const contract = await db().select().from(s.contracts).where(eq(s.contracts.id, contractId));
  const catalogue = await loadCatalogue(db(), PERIOD, [contract[0]!.currency]);
  const [loaded] = await loadContractInputs(db(), catalogue, [contractId]);
  return rateLoadedContract(catalogue, loaded!)!.lines;
}

async function confirmStep(run: () => Promise<unknown>): Promise<string[]> {
  const error = await run().then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return (error as AppError).fieldErrors?.confirm ?? [];
}

describe("editing a reseller", () => {
  it("saves company, address and billing contacts, audited with before and after", async () => {
    const kop = await byTag("demo-kopernikus");
    const input = editResellerSchema.parse({
      resellerId: kop.id,
      name: kop.name,
      legalName: kop.legalName,
      addressLine1: "Friedrichstraße 1",
      city: kop.city,
      postalCode: "10117",
      region: "",
      country: "DE",
      taxId: kop.taxId ?? "",
      billingEmail: kop.billingEmail,
      billingContacts: "ap@kopernikus.example; Controller@Kopernikus.example, ap@kopernikus.example",
    });
    const { changed } = await updateResellerDetails(db(), admin, input);
    expect(changed.sort()).toEqual(["addressLine1", "billingContacts", "postalCode"]);
    const after = await resellerRow(db(), kop.id);
    expect(after.billingContacts).toEqual(["ap@kopernikus.example", "controller@kopernikus.example"]);
    expect(after.addressLine1).toBe("Friedrichstraße 1");
    const audit = await lastAudit("reseller.updated", kop.id);
    expect(audit?.data).toEqual({
      before: { addressLine1: "Torstraße 140", postalCode: "10119", billingContacts: [] },
      after: {
        addressLine1: "Friedrichstraße 1",
        postalCode: "10117",
        billingContacts: ["ap@kopernikus.example", "controller@kopernikus.example"],
      },
    });
  });

  it("leaves issued invoices with the details they were issued with", async () => {
    const th = await byTag("demo-thames");
    await startBillingRun(db(), { period: "2026-09", actor: admin, today: TODAY });
    const [draft] = await db()
      .select()
      .from(s.invoices)
      .where(and(eq(s.invoices.resellerId, th.id), eq(s.invoices.period, "2026-09")));
    await issueInvoice(db(), { invoiceId: draft!.id, actor: admin, today: TODAY });
    await updateResellerDetails(
      db(),
      admin,
      editResellerSchema.parse({
        resellerId: th.id,
        name: th.name,
        legalName: "Thames Managed Services Group plc",
        addressLine1: th.addressLine1,
        city: th.city,
        postalCode: th.postalCode,
        country: th.country,
        taxId: th.taxId ?? "",
        billingEmail: th.billingEmail,
      }),
    );
    const issued = await getInvoiceDocument(db(), draft!.id);
    expect(issued?.parties.reseller.legalName).toBe("Thames Managed Services Ltd");
  });

  it("names the bad billing contact and saves nothing", () => {
    const parsed = editResellerSchema.safeParse({
      resellerId: "00000000-0000-4000-a000-000000000000",
      name: "Acme",
      legalName: "Acme Ltd",
      addressLine1: "1 Road",
      city: "Town",
      postalCode: "1",
      country: "US",
      billingEmail: "billing@acme.example",
      billingContacts: "ok@acme.example, not-an-email",
    });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]).toMatchObject({
      path: ["billingContacts"],
      message: expect.stringContaining("not-an-email"),
    });
  });
});

describe("price adjustment", () => {
  it("asks to confirm with the new unit prices, then changes the next preview's unit prices", async () => {
    const nw = await byTag("demo-northwind");
    const contract = await contractOf(nw.id);
    const before = await previewLines(contract.id);
    const usage = before.filter((l) => l.type === "usage");
    expect(usage.length).toBeGreaterThan(0);

    const input = priceAdjustmentInputSchema.parse({
      resellerId: nw.id,
      kind: "sell_discount",
      percent: "10",
      reason: "Volume deal signed in November",
    });
    const lines = await confirmStep(() => setPriceAdjustment(db(), admin, input, TODAY));
    expect(lines[0]).toBe("Unit prices −10 % of sell prices from the next invoice");
    expect(lines.join("\n")).toMatch(/→/);
    // Nothing changed before the confirmation.
    expect((await resellerRow(db(), nw.id)).priceAdjustmentKind).toBeNull();

    await setPriceAdjustment(db(), admin, { ...input, confirm: true }, TODAY);
    const after = await previewLines(contract.id);
    for (const line of after.filter((l) => l.type === "usage")) {
      const was = usage.find((l) => l.customerId === line.customerId && l.skuCode === line.skuCode)!;
      expect(line.unitPrice).toBe(dec(was.unitPrice!).times("0.9").toDecimalPlaces(4).toFixed(4));
    }
    const audit = await lastAudit("reseller.price_adjustment_changed", nw.id);
    expect(audit?.data).toEqual({
      before: null,
      after: { kind: "sell_discount", percent: "10" },
      reason: "Volume deal signed in November",
    });
  });

  it("maps the database's range check to the percentage field", async () => {
    const th = await byTag("demo-thames");
    const input = priceAdjustmentInputSchema.parse({
      resellerId: th.id,
      kind: "cost_margin",
      percent: "100",
      reason: "typo test",
    });
    await expect(setPriceAdjustment(db(), admin, input, TODAY)).rejects.toMatchObject({
      fieldErrors: { percent: [expect.stringContaining("Out of range")] },
    });
    expect((await resellerRow(db(), th.id)).priceAdjustmentKind).toBeNull();
  });
});

describe("ramp-up override", () => {
  it("with a reason, waives the commitment in the next preview (and may exceed the policy maximum)", async () => {
    const plain = await createByHand(db(), TODAY);
    const ramped = await createByHand(db(), TODAY);
    const input = rampUpInputSchema.parse({
      contractId: ramped.contractId,
      cycles: "2",
      reason: "Migrating 40 customers from another vendor",
    });
    const lines = await confirmStep(() => overrideRampUpConfirmed(db(), admin, input, TODAY));
    expect(lines.join("\n")).toContain("Minimum commitment waived for the first 2 months");
    expect(lines.join("\n")).toContain("Above the policy maximum of 1 month");
    await overrideRampUpConfirmed(db(), admin, { ...input, confirm: true }, TODAY);

    for (const c of [plain, ramped]) {
      await markProvisioned(db(), { contractId: c.contractId, actor: admin, today: TODAY });
    }
    const plainPreview = await previewOf(plain.contractId);
    const rampedPreview = await previewOf(ramped.contractId);
    expect(dec(plainPreview.topUp).gt(0)).toBe(true);
    expect(rampedPreview.topUp).toBe("0.00");
    expect((await previewLines(ramped.contractId)).map((l) => l.type)).toEqual(["commitment_waived"]);
    const audit = await lastAudit("contract.ramp_up_overridden", ramped.resellerId);
    expect(audit?.data).toMatchObject({
      from: 0,
      to: 2,
      reason: "Migrating 40 customers from another vendor",
    });
  });

  it("is refused once the contract runs paid", async () => {
    const nw = await byTag("demo-northwind");
    const contract = await contractOf(nw.id);
    const input = rampUpInputSchema.parse({ contractId: contract.id, cycles: "1", reason: "late deal" });
    await expect(overrideRampUpConfirmed(db(), admin, input, TODAY)).rejects.toMatchObject({
      code: "conflict",
    });
  });
});

describe("creating a reseller by hand", () => {
  it("creates the owner without a password, an invitation that sets it, and a provisioning job", async () => {
    const created = await createByHand(db(), TODAY, { country: "DE", currency: "EUR", taxId: "DE811907980" });
    const [owner] = await db().select().from(s.users).where(eq(s.users.id, created.ownerId));
    expect(owner).toMatchObject({ role: "owner", passwordHash: null, resellerId: created.resellerId });
    // The tax rate comes from the distributor's table, as at sign-up: Germany 19 %.
    expect(dec((await resellerRow(db(), created.resellerId)).taxRatePercent).toString()).toBe("19");

    const [email] = await db().select().from(s.emailOutbox).where(eq(s.emailOutbox.to, created.email));
    expect(email).toMatchObject({ template: "reseller_invitation", hiddenSecrets: 1 });
    expect(email!.displayText).not.toMatch(/token=[A-Za-z0-9_-]{20,}/);
    const token = /reset-password\?token=([A-Za-z0-9_-]+)/.exec(email!.text)?.[1];
    expect(token).toBeTruthy();

    const client = { address: "203.0.113.7" };
    const password = "a fresh owner password 7";
    expect(await signInWithPassword(db(), { email: created.email, password }, client)).toMatchObject({
      ok: false,
    });
    await resetPassword(db(), { token: token!, password, confirm: password });
    expect(await signInWithPassword(db(), { email: created.email, password }, client)).toMatchObject({
      ok: true,
    });
    // Single use.
    await expect(resetPassword(db(), { token: token!, password, confirm: password })).rejects.toThrow();

    const jobs = await db()
      .select()
      .from(s.provisioningJobs)
      .where(eq(s.provisioningJobs.contractId, created.contractId));
    expect(jobs.map((j) => [j.kind, j.status])).toEqual([["provision", "queued"]]);
    expect(await contractOf(created.resellerId)).toMatchObject({ state: "pending", paidStart: TODAY });
    expect(await lastAudit("reseller.created", created.resellerId)).toBeTruthy();
  });

  it("refuses a taken owner email on its field and creates nothing", async () => {
    const before = (await db().select().from(s.resellers)).length;
    await expect(createByHand(db(), TODAY, { ownerEmail: "owner@northwind.example" })).rejects.toMatchObject({
      fieldErrors: { ownerEmail: [expect.any(String)] },
    });
    expect((await db().select().from(s.resellers)).length).toBe(before);
  });
});

describe("seeded resellers", () => {
  it("are customers since their paid start and show a succeeded provisioning history", async () => {
    const rows = await listResellers(db());
    const northwind = rows.find((r) => r.name === "Northwind IT Services")!;
    expect(northwind.customerSince).toBe("2026-05-01");
    // Every seeded reseller, not just the ones made today by the tests above.
    const seeded = rows.filter((r) => demoResellers.some((d) => d.name === r.name));
    expect(seeded).toHaveLength(demoResellers.length);
    for (const r of seeded) expect(r.customerSince < TODAY, r.name).toBe(true);

    const detail = await getResellerDetail(db(), northwind.id);
    expect(detail!.jobs).toHaveLength(1);
    expect(detail!.jobs[0]).toMatchObject({ kind: "provision", status: "succeeded" });
    expect(detail!.jobs[0]!.steps.map((st) => [st.step, st.status])).toEqual(
      STEP_PLANS.provision.map((st) => [st.name, "succeeded"]),
    );
    expect(detail!.reseller.createdAt.toISOString().slice(0, 10)).toBe("2026-05-01");
  });
});
