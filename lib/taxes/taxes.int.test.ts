import { randomUUID } from "node:crypto";
import { and, desc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import * as s from "@/db/schema";
import { seedDatabase } from "@/db/seed";
import { dec } from "@/lib/billing";
import { AppError } from "@/lib/errors/app-error";
import { startBillingRun } from "@/lib/invoices/billing-run";
import { renderInvoiceCsv } from "@/lib/invoices/csv";
import { getInvoiceDocument } from "@/lib/invoices/document";
import { issueInvoice } from "@/lib/invoices/issue";
import { renderInvoicePdf } from "@/lib/invoices/pdf";
import { signupSchema } from "@/lib/signup/schema";
import { submitSignup } from "@/lib/signup/signup";
import { REVERSE_CHARGE_NOTE } from "./note";
import { changeResellerTaxRate, resellerTaxFacts } from "./reseller-rate";
import { deleteTaxRate, listTaxTable, saveTaxRate } from "./table";
import { taxForReseller } from "./tax-for-reseller";

const TODAY = "2026-11-24";
const db = (): Db => globalThis.testDb.db;
const finance = { userId: null, label: "finance@test" };
const ctx = { checkAcronisLogin: async () => true, appUrl: "https://shop.example", today: TODAY };

beforeAll(async () => {
  await seedDatabase(db(), { today: new Date(`${TODAY}T00:00:00Z`) });
});

/** A storefront sign-up from `country` (EUR, Tier 2); returns the new reseller row. */
async function signUp(country: string, taxId?: string) {
  const id = randomUUID().slice(0, 8);
  const input = signupSchema.parse({
    requestKey: randomUUID(),
    companyName: `Tax Test ${id}`,
    addressLine1: "1 Main Street",
    city: "Somewhere",
    postalCode: "10115",
    country,
    ...(taxId ? { taxId } : {}),
    currency: "EUR",
    adminName: "Tess Tax",
    email: `tess-${id}@tax.example`,
    password: "correct horse 42",
    acronisLogin: `tax-${id}`,
    tier: "T2",
    rampUpCycles: "0",
    acceptTerms: "on",
    termsVersion: "2026-01",
  });
  const result = await submitSignup(db(), input, ctx);
  if (!result.resellerId) throw new Error("no reseller created");
  const [reseller] = await db().select().from(s.resellers).where(eq(s.resellers.id, result.resellerId));
  return reseller!;
}

async function setDistributorCountry(country: string) {
  await db().update(s.distributorSettings).set({ country }).where(eq(s.distributorSettings.id, 1));
}

async function reseller(tag: string) {
  const [row] = await db().select().from(s.resellers).where(eq(s.resellers.internalTag, tag));
  return row!;
}

async function invoiceOf(resellerId: string, period: string) {
  const [row] = await db()
    .select()
    .from(s.invoices)
    .where(and(eq(s.invoices.resellerId, resellerId), eq(s.invoices.period, period)));
  return row!;
}

async function lastAudit(action: string) {
  const [row] = await db()
    .select()
    .from(s.auditLog)
    .where(eq(s.auditLog.action, action))
    .orderBy(desc(s.auditLog.at), desc(s.auditLog.id))
    .limit(1);
  return row;
}

async function refusal(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe("tax at sign-up, US distributor (the demo)", () => {
  it("a German reseller signing up gets 19 %, as the seeded German reseller pays", async () => {
    const created = await signUp("DE", "DE 811 234 567");
    expect(Number(created.taxRatePercent)).toBe(19);
    expect(created.reverseCharge).toBe(false);
    expect(Number((await reseller("demo-kopernikus")).taxRatePercent)).toBe(19);
    const audit = await lastAudit("signup.submitted");
    expect(audit?.data).toMatchObject({ tax: { ratePercent: "19", reverseCharge: false } });
  });

  it("a reseller in a country not in the table gets 0 %", async () => {
    const created = await signUp("JP");
    expect(Number(created.taxRatePercent)).toBe(0);
    expect((await taxForReseller(db(), { country: "JP", taxId: null })).reason).toMatch(
      /not in the tax table/,
    );
  });

  it("a row added to the table applies to the next sign-up only; edits and deletes are audited", async () => {
    const before = await signUp("CA");
    await saveTaxRate(db(), finance, { mode: "create", country: "CA", ratePercent: "5", label: "GST" });
    const after = await signUp("CA");
    expect(Number(after.taxRatePercent)).toBe(5);
    const [unchanged] = await db().select().from(s.resellers).where(eq(s.resellers.id, before.id));
    expect(Number(unchanged!.taxRatePercent)).toBe(0);

    const refused = await refusal(
      saveTaxRate(db(), finance, { mode: "create", country: "CA", ratePercent: "6", label: "" }),
    );
    expect(refused.fieldErrors?.country).toBeDefined();

    await saveTaxRate(db(), finance, { mode: "update", country: "CA", ratePercent: "5.25", label: "GST" });
    expect((await lastAudit("tax_rate.updated"))?.data).toMatchObject({
      country: "CA",
      before: { ratePercent: "5", label: "GST" },
      after: { ratePercent: "5.25", label: "GST" },
    });
    const table = await listTaxTable(db());
    const ca = table.rows.find((r) => r.country === "CA");
    // Two Canadian resellers: one at 0 % (signed up before the row), one at 5 %: both differ from 5.25 %.
    expect(ca).toMatchObject({ countryName: "Canada", ratePercent: "5.25", resellers: 2, differentRate: 2 });
    expect(table.rows.find((r) => r.country === "DE")).toMatchObject({
      ratePercent: "19",
      label: "VAT standard rate",
    });
    expect(table.untabled.find((c) => c.country === "JP")?.resellers).toBe(1);

    await deleteTaxRate(db(), finance, "CA");
    expect((await lastAudit("tax_rate.deleted"))?.data).toMatchObject({
      before: { ratePercent: "5.25" },
      after: null,
    });
    expect(Number((await signUp("CA")).taxRatePercent)).toBe(0);
  });
});

describe("EU reverse charge, distributor in the Netherlands", () => {
  beforeAll(() => setDistributorCountry("NL"));
  afterAll(() => setDistributorCountry("US"));

  it("a German reseller with a VAT id of valid format gets 0 % and reverse charge", async () => {
    const created = await signUp("DE", "DE 811 234 567");
    expect(Number(created.taxRatePercent)).toBe(0);
    expect(created.reverseCharge).toBe(true);
  });

  it("one without a VAT id, or with a malformed one, gets Germany's 19 %", async () => {
    const created = await signUp("DE");
    expect(Number(created.taxRatePercent)).toBe(19);
    expect(created.reverseCharge).toBe(false);
    const malformed = await taxForReseller(db(), { country: "DE", taxId: "DE12345" });
    expect(malformed).toMatchObject({ ratePercent: "19", reverseCharge: false });
  });

  it("a Dutch reseller is domestic: the Netherlands' 21 %", async () => {
    const created = await signUp("NL", "NL123456789B01");
    expect(Number(created.taxRatePercent)).toBe(21);
    expect(created.reverseCharge).toBe(false);
  });

  it("a reverse-charged reseller's next draft has 0 tax and the note on the page and CSV (and a PDF); issued invoices keep it", async () => {
    const kopernikus = await reseller("demo-kopernikus");
    await changeResellerTaxRate(db(), finance, {
      resellerId: kopernikus.id,
      ratePercent: "0",
      reverseCharge: true,
      reason: "VAT id checked in VIES; cross-border B2B supply",
    });
    await startBillingRun(db(), { period: "2026-09", actor: finance, today: TODAY });
    const draft = await invoiceOf(kopernikus.id, "2026-09");
    expect(Number(draft.taxRatePercent)).toBe(0);
    expect(Number(draft.tax)).toBe(0);
    expect(draft.total).toBe(draft.subtotal);
    expect(draft.taxNote).toBe(REVERSE_CHARGE_NOTE);
    const doc = await getInvoiceDocument(db(), draft.id);
    expect(doc.taxNote).toBe(REVERSE_CHARGE_NOTE);
    expect(renderInvoiceCsv(doc)).toContain("Reverse charge: VAT to be accounted for by the recipient");
    expect((await renderInvoicePdf(doc)).length).toBeGreaterThan(1000);

    // Another reseller of the same run is not reverse-charged: no note.
    const thames = await invoiceOf((await reseller("demo-thames")).id, "2026-09");
    expect(thames.taxNote).toBeNull();
    expect(Number(thames.tax)).toBeGreaterThan(0);

    // Issued, then the rate changes back: the issued invoice never changes.
    await issueInvoice(db(), { invoiceId: draft.id, actor: finance, today: TODAY });
    await changeResellerTaxRate(db(), finance, {
      resellerId: kopernikus.id,
      ratePercent: "19",
      reverseCharge: false,
      reason: "VAT id withdrawn",
    });
    await startBillingRun(db(), { period: "2026-09", actor: finance, today: TODAY });
    const issued = await invoiceOf(kopernikus.id, "2026-09");
    expect(issued.status).toBe("issued");
    expect(issued.taxNote).toBe(REVERSE_CHARGE_NOTE);
    expect(Number(issued.tax)).toBe(0);
  });
});

describe("changing a reseller's rate", () => {
  it("needs a reason, and reverse charge only where the EU rule allows it", async () => {
    const kopernikus = await reseller("demo-kopernikus");
    const noReason = await refusal(
      changeResellerTaxRate(db(), finance, {
        resellerId: kopernikus.id,
        ratePercent: "7",
        reverseCharge: false,
        reason: "  ",
      }),
    );
    expect(noReason.fieldErrors?.reason).toBeDefined();
    // The distributor is in the US (the demo): no EU reverse charge.
    const notEu = await refusal(
      changeResellerTaxRate(db(), finance, {
        resellerId: kopernikus.id,
        ratePercent: "0",
        reverseCharge: true,
        reason: "asked by the reseller",
      }),
    );
    expect(notEu.fieldErrors?.reverseCharge?.[0]).toMatch(/another EU member state/);
    // The reseller page's form says so before anyone tries, and shows the table's default.
    const facts = await resellerTaxFacts(db(), kopernikus.id);
    expect(facts).toMatchObject({
      ratePercent: "19",
      reverseCharge: false,
      tableDefault: { ratePercent: "19" },
    });
    expect(facts.reverseChargeProblem).toMatch(/another EU member state than United States/);
    expect(Number((await reseller("demo-kopernikus")).taxRatePercent)).toBe(19);
  });

  it("refuses reverse charge with a rate above 0 or a malformed VAT id", async () => {
    await setDistributorCountry("NL");
    try {
      const kopernikus = await reseller("demo-kopernikus");
      const withTax = await refusal(
        changeResellerTaxRate(db(), finance, {
          resellerId: kopernikus.id,
          ratePercent: "19",
          reverseCharge: true,
          reason: "cross-border",
        }),
      );
      expect(withTax.fieldErrors?.ratePercent).toEqual(["With reverse charge the rate is 0 %."]);
      await db().update(s.resellers).set({ taxId: "DE12" }).where(eq(s.resellers.id, kopernikus.id));
      const malformed = await refusal(
        changeResellerTaxRate(db(), finance, {
          resellerId: kopernikus.id,
          ratePercent: "0",
          reverseCharge: true,
          reason: "cross-border",
        }),
      );
      expect(malformed.fieldErrors?.reverseCharge?.[0]).toMatch(/VAT id/);
      await db()
        .update(s.resellers)
        .set({ taxId: kopernikus.taxId })
        .where(eq(s.resellers.id, kopernikus.id));
    } finally {
      await setDistributorCountry("US");
    }
  });

  it("is audited with before, after and reason, and the next draft uses the new rate", async () => {
    const kopernikus = await reseller("demo-kopernikus");
    await startBillingRun(db(), { period: "2026-10", actor: finance, today: TODAY });
    const first = await invoiceOf(kopernikus.id, "2026-10");
    expect(Number(first.taxRatePercent)).toBe(19);

    await changeResellerTaxRate(db(), finance, {
      resellerId: kopernikus.id,
      ratePercent: "7",
      reverseCharge: false,
      reason: "Reduced rate agreed with the tax office",
    });
    const audit = await lastAudit("reseller.tax_rate_changed");
    expect(audit).toMatchObject({ entityId: kopernikus.id, actorLabel: "finance@test" });
    expect(audit?.data).toEqual({
      before: { ratePercent: "19", reverseCharge: false },
      after: { ratePercent: "7", reverseCharge: false },
      reason: "Reduced rate agreed with the tax office",
    });

    await startBillingRun(db(), { period: "2026-10", actor: finance, today: TODAY });
    const next = await invoiceOf(kopernikus.id, "2026-10");
    expect(next.id).toBe(first.id); // the draft is rewritten in place
    expect(Number(next.taxRatePercent)).toBe(7);
    expect(dec(next.tax).eq(dec(next.subtotal).mul(7).div(100).toDecimalPlaces(2))).toBe(true);
    expect(next.taxNote).toBeNull();
  });
});
