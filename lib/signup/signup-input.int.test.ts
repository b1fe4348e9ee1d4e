/**
 * Issue 10, "a NUL byte gives a 500": PostgreSQL refuses a NUL in text ("invalid byte sequence"), so a
 * NUL typed or crafted into any text field must stop at validation, beside the field, and never reach
 * the database.
 */
import { randomUUID } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it, vi } from "vitest";
import type { Db } from "@/db/client";
import * as s from "@/db/schema";
import { seedDatabase } from "@/db/seed";
import { brandingSchema, updateBranding } from "@/lib/settings/branding";
import { MULTI_LINE_MESSAGE, SINGLE_LINE_MESSAGE } from "@/lib/validation/text";
import { databaseRefusal } from "@/tests/database-refusal";
import { signupSchema } from "./schema";
import { submitSignup } from "./signup";

vi.mock("@/lib/auth/guard", () => ({
  requireUser: async () => ({ id: null, email: "admin@test", role: "distributor_admin", resellerId: null }),
}));
const { publicAction, userAction } = await import("@/lib/actions/safe-action");

const today = "2026-11-24";
const db = (): Db => globalThis.testDb.db;

beforeAll(async () => {
  await seedDatabase(db(), { today: new Date(`${today}T00:00:00Z`) });
});

const signup = publicAction(signupSchema, (input) =>
  submitSignup(db(), input, { checkAcronisLogin: async () => true, appUrl: "https://shop.example", today }),
);

function signupForm(overrides: Record<string, string>): FormData {
  const id = randomUUID().slice(0, 8);
  const fields: Record<string, string> = {
    requestKey: randomUUID(),
    companyName: `Acme ${id}`,
    addressLine1: "1 Main Street",
    city: "Berlin",
    postalCode: "10115",
    country: "DE",
    taxId: "DE 123 456 789",
    currency: "EUR",
    adminName: "Ada Admin",
    email: `ada-${id}@acme.example`,
    password: "correct horse 42",
    acronisLogin: `acme-${id}`,
    tier: "T2",
    rampUpCycles: "0",
    acceptTerms: "on",
    termsVersion: "2026-01",
    ...overrides,
  };
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  return form;
}

describe("a NUL byte in a form", () => {
  it("is refused by the database itself (why it must stop before)", async () => {
    // 22021: invalid byte sequence for encoding "UTF8": 0x00.
    expect(await databaseRefusal(db().execute(sql`select ${"Acme\u0000"}::text as v`))).toMatchObject({
      code: "22021",
    });
  });

  it("sign-up: a NUL in the company name is a field error, and nothing is created", async () => {
    const before = await db().$count(s.resellers);
    const result = await signup(undefined, signupForm({ companyName: "Acme\u0000 GmbH" }));
    expect(result.ok).toBe(false);
    expect(result.fieldErrors?.companyName).toEqual([SINGLE_LINE_MESSAGE]);
    expect(await db().$count(s.resellers)).toBe(before);
  });

  it.each(["adminName", "city", "addressLine1", "legalName", "taxId", "tier", "termsVersion"])(
    "sign-up: a NUL in %s never reaches the database",
    async (field) => {
      const result = await signup(undefined, signupForm({ [field]: "x\u0000y" }));
      expect(result.ok).toBe(false);
      expect(result.message).toBe("Check the highlighted fields.");
      expect(result.fieldErrors?.[field]?.length).toBeGreaterThan(0);
    },
  );

  it("sign-up: international names are stored as typed", async () => {
    const result = await signup(
      undefined,
      signupForm({ companyName: "Müller & Söhne GmbH 株式会社", adminName: "Seán O’Brien" }),
    );
    expect(result.ok).toBe(true);
    const [row] = await db()
      .select({ name: s.resellers.name })
      .from(s.resellers)
      .where(eq(s.resellers.name, "Müller & Söhne GmbH 株式会社"));
    expect(row?.name).toBe("Müller & Söhne GmbH 株式会社");
  });

  it("settings: a NUL in the terms is a field error and the settings stay as they were", async () => {
    const save = userAction("admin:write", brandingSchema, (input) =>
      updateBranding(db(), input, { userId: null, label: "admin@test" }),
    );
    const [settings] = await db().select().from(s.distributorSettings);
    const form = new FormData();
    const fields: Record<string, string> = {
      name: settings!.name,
      legalName: settings!.legalName,
      tagline: settings!.tagline ?? "",
      supportEmail: settings!.supportEmail,
      logoUrl: settings!.logoUrl ?? "",
      faviconUrl: settings!.faviconUrl ?? "",
      primaryColor: settings!.primaryColor,
      accentColor: settings!.accentColor,
      termsVersion: settings!.termsVersion,
      termsText: `${settings!.termsText}\n\nA new paragraph\u0000 with a NUL.`,
      privacyText: settings!.privacyText,
    };
    for (const [k, v] of Object.entries(fields)) form.append(k, v);
    const result = await save(undefined, form);
    expect(result.fieldErrors?.termsText).toEqual([MULTI_LINE_MESSAGE]);
    const [after] = await db().select().from(s.distributorSettings);
    expect(after?.termsText).toBe(settings!.termsText);
  });
});
