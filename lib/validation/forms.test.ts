/**
 * Every form that takes user text refuses what the text helpers refuse, beside the field and before the
 * action touches the database (a NUL would make PostgreSQL answer "invalid byte sequence").
 */
import { randomUUID } from "node:crypto";
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { ActionState } from "@/lib/actions/safe-action";
import { brandingSchema } from "@/lib/settings/branding";
import { MULTI_LINE_MESSAGE, SINGLE_LINE_MESSAGE } from "./text";

vi.mock("@/lib/auth/guard", () => ({
  requireUser: async () => ({ id: "u1", email: "admin@test", role: "distributor_admin", resellerId: "r1" }),
  resellerIdOf: () => "r1",
}));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));
// Nothing may reach the services: validation must stop every case below first.
vi.mock("@/db/client", () => ({
  getDb: () => {
    throw new Error("the database was reached");
  },
}));

const resellers = await import("@/app/(admin)/admin/resellers/[id]/actions");
const invoices = await import("@/app/(admin)/admin/invoices/[id]/actions");
const portal = await import("@/app/(portal)/portal/contract/actions");

type Action = (p: ActionState | undefined, f: FormData) => Promise<ActionState>;
const form = (fields: Record<string, string>) => {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) f.append(k, v);
  return f;
};
const contractId = randomUUID();
const invoiceId = randomUUID();

const cases: [string, Action, Record<string, string>, string][] = [
  ["suspend", resellers.suspendAction, { contractId, reason: "Unpaid\u0000 invoices" }, "reason"],
  ["resume", resellers.resumeAction, { contractId, reason: "Paid\nnow" }, "reason"],
  ["cancel now", resellers.cancelNowAction, { contractId, reason: "\u202eerom on" }, "reason"],
  ["ramp-up", resellers.rampUpAction, { contractId, cycles: "2", reason: "Deal\u0007" }, "reason"],
  [
    "reject sign-up",
    resellers.rejectSignupAction,
    { resellerId: contractId, reason: "Spam\u2066" },
    "reason",
  ],
  ["void", invoices.voidInvoiceAction, { invoiceId, reason: "Wrong\u0000 address" }, "reason"],
  ["credit", invoices.creditAction, { invoiceId, reason: "Goodwill\u0085" }, "reason"],
  ["upgrade", portal.upgradeAction, { tierCode: "T3\u0000" }, "tierCode"],
  ["downgrade", portal.downgradeAction, { tierCode: "T1\u0000" }, "tierCode"],
];

describe("admin and portal actions", () => {
  beforeEach(() => vi.spyOn(console, "error").mockImplementation(() => {}));

  it.each(cases)("%s refuses bad characters beside the field", async (_label, action, fields, field) => {
    const result = await action(undefined, form(fields));
    expect(result.ok).toBe(false);
    expect(result.fieldErrors?.[field]?.length).toBeGreaterThan(0);
    if (field === "reason") expect(result.fieldErrors?.[field]).toEqual([SINGLE_LINE_MESSAGE]);
  });

  it("credit refuses line ids that are not UUIDs (a NUL or junk would reach a uuid column)", async () => {
    for (const lineIds of [`${randomUUID()},x\u0000`, "1,2", `${randomUUID()};drop`]) {
      const result = await invoices.creditAction(undefined, form({ invoiceId, reason: "Goodwill", lineIds }));
      expect(result.fieldErrors?.lineIds?.length).toBeGreaterThan(0);
    }
  });
});

describe("branding settings", () => {
  const valid = {
    name: "Skyline Cloud",
    legalName: "Skyline Distribution GmbH",
    tagline: "Backup for resellers",
    supportEmail: "support@skyline.example",
    logoUrl: "",
    faviconUrl: "/favicon.svg",
    primaryColor: "#1d4ed8",
    accentColor: "#0f766e",
    termsVersion: "2026-01",
    termsText: "These terms govern the resale.\r\nSecond paragraph of the terms.",
    privacyText: "We process personal data.\n\nWe never sell it.",
  };
  const errorsFor = (overrides: Record<string, string>) => {
    const r = brandingSchema.safeParse({ ...valid, ...overrides });
    return r.success ? {} : (r.error.flatten().fieldErrors as Record<string, string[]>);
  };

  it("keeps paragraphs in the terms and privacy texts, as LF", () => {
    const parsed = brandingSchema.parse(valid);
    expect(parsed.termsText).toBe("These terms govern the resale.\nSecond paragraph of the terms.");
    expect(parsed.privacyText).toBe(valid.privacyText);
  });

  it.each(["name", "legalName", "tagline", "termsVersion"])("%s is one line of text", (field) => {
    for (const bad of ["\u0000", "\n", "\u202e", "\u2066", "\ud800", "\u009b"]) {
      expect(errorsFor({ [field]: `Skyline ${bad}Cloud` })[field]).toEqual([SINGLE_LINE_MESSAGE]);
    }
  });

  it.each(["termsText", "privacyText"])("%s refuses controls but not line breaks", (field) => {
    const text = "A sentence long enough to pass.";
    for (const bad of ["\u0000", "\t", "\u202e", "\ud800", "\u007f"]) {
      expect(errorsFor({ [field]: `${text}${bad}${text}` })[field]).toEqual([MULTI_LINE_MESSAGE]);
    }
  });

  it.each(["logoUrl", "faviconUrl"])("%s refuses a NUL or a control character", (field) => {
    for (const bad of ["\u0000", "\u007f", "\u202e"]) {
      expect(errorsFor({ [field]: `https://cdn.example/logo${bad}.svg` })[field]?.length).toBeGreaterThan(0);
    }
  });
});
