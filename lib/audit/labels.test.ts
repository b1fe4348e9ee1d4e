import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ACTION_LABELS, actionLabel, auditFields, entityHref, entityLabel, formatAuditValue } from "./labels";

const root = path.resolve(import.meta.dirname, "../..");

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const file = path.join(dir, name);
    if (statSync(file).isDirectory()) return sourceFiles(file);
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) ? [file] : [];
  });
}

/** Every action key the code writes: literal keys beside writeAudit, and lib/contracts' `contract.<event>`. */
function actionKeysInCode(): string[] {
  const keys = new Set<string>();
  for (const file of [...sourceFiles(path.join(root, "lib")), ...sourceFiles(path.join(root, "app"))]) {
    const text = readFileSync(file, "utf8");
    if (!text.includes("writeAudit") && !text.includes("updateSettings(")) continue;
    for (const m of text.matchAll(/"([a-z_]+\.[a-z_]+)"/g)) keys.add(m[1]!);
    if (file.includes(`${path.sep}contracts${path.sep}`) || text.includes("recordTransition"))
      for (const m of text.matchAll(/event: "([a-z_]+)"/g)) keys.add(`contract.${m[1]}`);
  }
  for (const file of sourceFiles(path.join(root, "lib", "contracts")))
    for (const m of readFileSync(file, "utf8").matchAll(/event: "([a-z_]+)"/g)) keys.add(`contract.${m[1]}`);
  return [...keys].filter((k) => !/\.(ts|tsx|js|json|csv|pdf|png|svg)$/.test(k)).sort();
}

describe("actionLabel", () => {
  it.each([
    ["reseller.updated", "Updated reseller"],
    ["invoice.paid", "Marked an invoice paid"],
    ["contract.converted", "Converted a trial to paid"],
    ["reseller.tax_rate_changed", "Changed a reseller's tax rate"],
    ["fx.rate_corrected", "Corrected an FX rate"],
    ["settings.policies_updated", "Updated the policies"],
  ])("%s reads %s", (key, label) => {
    expect(actionLabel(key)).toBe(label);
  });

  it("makes an unknown key readable rather than showing the code", () => {
    expect(actionLabel("reseller.logo_swapped")).toBe("Reseller: logo swapped");
    expect(actionLabel("widget_thing.colour_changed")).toBe("Widget thing: colour changed");
    expect(actionLabel("rebooted")).toBe("Rebooted");
  });

  it("labels the contract events of lib/contracts, and reads every key written in lib/ and app/", () => {
    const keys = actionKeysInCode();
    expect(keys).toContain("contract.ordered");
    expect(keys).toContain("invoice.void");
    for (const key of keys.filter((k) => k.startsWith("contract.")))
      expect(ACTION_LABELS[key], key).toBeDefined();
    for (const key of keys) {
      const label = actionLabel(key);
      expect(label, key).not.toMatch(/[_]/);
      expect(label, key).toMatch(/^[A-Z]/);
    }
  });
});

describe("entityHref", () => {
  const id = "5b3f0a5e-8d2c-4c1e-9f3a-2b7d6e1c0a99";
  const reseller = "0f1e2d3c-4b5a-4968-8776-655443322110";
  it.each([
    [{ entityType: "reseller", entityId: id, resellerId: id }, `/admin/resellers/${id}`],
    [{ entityType: "invoice", entityId: id, resellerId: reseller }, `/admin/invoices/${id}`],
    [{ entityType: "contract", entityId: id, resellerId: reseller }, `/admin/resellers/${reseller}`],
    [{ entityType: "price_version", entityId: id, resellerId: null }, `/admin/prices/${id}`],
    [{ entityType: "fx_rate", entityId: "42", resellerId: null }, "/admin/fx"],
    [{ entityType: "tax_rate", entityId: "DE", resellerId: null }, "/admin/taxes"],
    [{ entityType: "tier", entityId: id, resellerId: null }, "/admin/catalogue"],
    [{ entityType: "sku", entityId: id, resellerId: null }, "/admin/catalogue"],
    [{ entityType: "settings", entityId: "1", resellerId: null }, "/admin/settings"],
    [{ entityType: "billing_run", entityId: id, resellerId: null }, `/admin/billing/${id}`],
    [{ entityType: "user", entityId: "someone@example.com", resellerId: null }, null],
  ])("%o links to %s", (entry, href) => {
    expect(entityHref(entry)).toBe(href);
  });

  it("names entity types in words", () => {
    expect(entityLabel("price_version")).toBe("Price version");
    expect(entityLabel("shipping_zone")).toBe("Shipping zone");
  });
});

describe("auditFields", () => {
  it("shows only the changed fields of before and after", () => {
    const fields = auditFields({
      before: { name: "Thames", taxRatePercent: "20.0000", billingContacts: ["a@x.example"] },
      after: { name: "Thames", taxRatePercent: "0.0000", billingContacts: ["a@x.example", "b@x.example"] },
      reason: "reverse charge",
    });
    expect(fields).toEqual([
      { field: "tax rate percent", before: "20.0000", after: "0.0000" },
      { field: "billing contacts", before: "a@x.example", after: "a@x.example, b@x.example" },
      { field: "reason", value: "reverse charge" },
    ]);
  });

  it("lists plain data as key and value, and nothing for no data", () => {
    expect(auditFields({ period: "2026-10", totalContracts: 3, waived: false })).toEqual([
      { field: "period", value: "2026-10" },
      { field: "total contracts", value: "3" },
      { field: "waived", value: "false" },
    ]);
    expect(auditFields(null)).toEqual([]);
    expect(formatAuditValue(null)).toBe("—");
    expect(formatAuditValue({ a: 1 })).toBe('{"a":1}');
  });
});
