import { describe, expect, it } from "vitest";
import { apiKeyFormSchema, revokeApiKeyFormSchema } from "./form-schema";
import { apiKeyStatus, toApiKeyRows } from "./rows";

const errorsOf = (form: Record<string, string>) => {
  const parsed = apiKeyFormSchema.safeParse(form);
  return parsed.success
    ? {}
    : Object.fromEntries(parsed.error.issues.map((i) => [i.path.join("."), i.message]));
};

describe("API key form", () => {
  it("reads the checkboxes as scopes and the day as the start of that day in UTC", () => {
    expect(apiKeyFormSchema.parse({ name: " ERP ", scopeRead: "on", expiresAt: "" })).toEqual({
      name: "ERP",
      scopes: ["read"],
    });
    expect(
      apiKeyFormSchema.parse({ name: "PSA", scopeRead: "on", scopeWrite: "on", expiresAt: "2027-01-31" }),
    ).toEqual({ name: "PSA", scopes: ["read", "write"], expiresAt: new Date("2027-01-31T00:00:00Z") });
    expect(apiKeyFormSchema.parse({ name: "Writer", scopeWrite: "on" }).scopes).toEqual(["write"]);
  });

  it("puts each problem beside its field", () => {
    expect(errorsOf({ name: " ", scopeRead: "on" })).toEqual({ name: "Name the key (what uses it)." });
    expect(errorsOf({ name: "ERP" })).toEqual({ scopes: "Choose at least one scope." });
    expect(errorsOf({ name: "", expiresAt: "" })).toEqual({
      name: "Name the key (what uses it).",
      scopes: "Choose at least one scope.",
    });
    expect(errorsOf({ name: "ERP", scopeRead: "on", expiresAt: "2027-02-31" })).toEqual({
      expiresAt: "Enter a date such as 2027-01-31.",
    });
    expect(errorsOf({ name: "ERP", scopeRead: "on", expiresAt: "next week" })).toEqual({
      expiresAt: "Enter a date such as 2027-01-31.",
    });
    expect(revokeApiKeyFormSchema.safeParse({ id: "1; drop" }).success).toBe(false);
  });
});

describe("API key rows", () => {
  const now = new Date("2026-12-01T10:00:00Z");
  const base = {
    id: "k",
    name: "ERP",
    prefix: "tl_AbCdEfGh",
    scopes: ["read" as const],
    createdAt: new Date("2026-11-01T09:00:00Z"),
    lastUsedAt: null,
    expiresAt: null,
    revokedAt: null,
  };

  it("says active, expired or revoked, and never for a key not used yet", () => {
    expect(apiKeyStatus(base, now)).toBe("active");
    expect(apiKeyStatus({ ...base, expiresAt: now }, now)).toBe("expired");
    expect(apiKeyStatus({ ...base, expiresAt: now, revokedAt: now }, now)).toBe("revoked");
    const [row] = toApiKeyRows([base], now);
    expect(row).toMatchObject({
      prefix: "tl_AbCdEfGh",
      lastUsed: "never",
      expires: "never",
      status: "active",
    });
    expect(JSON.stringify(row)).not.toContain("keyHash");
  });
});
