import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { SINGLE_LINE_MESSAGE } from "@/lib/validation/text";
import { signupSchema } from "./schema";

const valid = {
  requestKey: randomUUID(),
  companyName: "Müller & Söhne GmbH",
  legalName: "Müller & Söhne Gesellschaft mit beschränkter Haftung",
  addressLine1: "Königstraße 1",
  addressLine2: "Hinterhaus, 2. OG",
  city: "München",
  postalCode: "80331",
  region: "Bayern",
  country: "DE",
  taxId: "DE 123 456 789",
  currency: "EUR",
  adminName: "Zoë O’Brien",
  email: "zoe@mueller.example",
  password: "correct horse 42",
  acronisLogin: "mueller-admin",
  tier: "T2",
  rampUpCycles: "0",
  acceptTerms: "on",
  termsVersion: "2026-01",
};

const errorsFor = (overrides: Record<string, string>) => {
  const result = signupSchema.safeParse({ ...valid, ...overrides });
  return result.success ? {} : result.error.flatten().fieldErrors;
};

describe("signupSchema text fields", () => {
  it("accepts international names as typed", () => {
    const parsed = signupSchema.parse({ ...valid, companyName: "株式会社テスト", adminName: "שרה כהן" });
    expect(parsed.companyName).toBe("株式会社テスト");
    expect(parsed.adminName).toBe("שרה כהן");
  });

  const textFields = [
    "companyName",
    "legalName",
    "addressLine1",
    "addressLine2",
    "city",
    "postalCode",
    "region",
    "adminName",
  ] as const;
  const bad = { NUL: "\u0000", newline: "\n", RLO: "\u202e", "lone surrogate": "\ud800", DEL: "\u007f" };

  for (const field of textFields) {
    it.each(Object.entries(bad))(`${field} refuses %s beside the field`, (_label, char) => {
      const errors = errorsFor({ [field]: `Acme ${char}Ltd` });
      expect(errors[field]).toEqual([SINGLE_LINE_MESSAGE]);
    });
  }

  // Fields the form sends hidden or as selects: a crafted request must not carry a NUL to the database.
  it.each(["taxId", "tier", "termsVersion"])("%s refuses a NUL", (field) => {
    const errors = errorsFor({ [field]: `${valid[field as keyof typeof valid]}\u0000` });
    expect(errors[field as keyof typeof errors]?.length).toBeGreaterThan(0);
  });

  it.each(["email", "country", "currency", "requestKey", "acronisLogin"])("%s refuses a NUL", (field) => {
    const errors = errorsFor({ [field]: `${valid[field as keyof typeof valid]}\u0000` });
    expect(errors[field as keyof typeof errors]?.length).toBeGreaterThan(0);
  });
});
