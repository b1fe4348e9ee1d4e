import { and, desc, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import * as s from "@/db/schema";
import { seedDatabase } from "@/db/seed";
import { dec } from "@/lib/billing";
import { loadStorefrontBook } from "@/lib/catalogue/storefront";
import { admin, db, expectRefusal, liveContract } from "@/lib/contracts/test-support";
import { listTierTargets } from "@/lib/contracts/tier-targets";
import { AppError } from "@/lib/errors/app-error";
import { streamBillingPreview } from "@/lib/invoices/preview";
import { createTier, createTierSchema } from "./create-tier";
import { loadCatalogueView, pathKey } from "./queries";
import { skuSchema, updateSku } from "./skus";
import { tierSchema, updateTier } from "./tiers";
import { saveUpgradePaths, upgradePathsSchema } from "./upgrade-paths";

const today = "2026-11-24";
const now = new Date(`${today}T12:00:00Z`);

beforeAll(async () => {
  await seedDatabase(db(), { today: new Date(`${today}T00:00:00Z`) });
});

async function tier(code: string) {
  const [row] = await db().select().from(s.tiers).where(eq(s.tiers.code, code));
  return row!;
}

async function sku(code: string) {
  const [row] = await db().select().from(s.skus).where(eq(s.skus.code, code));
  return row!;
}

async function lastAudit(action: string) {
  const [row] = await db()
    .select()
    .from(s.auditLog)
    .where(eq(s.auditLog.action, action))
    .orderBy(desc(s.auditLog.id))
    .limit(1);
  return row;
}

/** The tier form as the page posts it, with `patch` applied. */
async function tierForm(code: string, patch: Record<string, string | undefined> = {}) {
  const t = await tier(code);
  const form: Record<string, string | undefined> = {
    id: t.id,
    name: t.name,
    code: t.code,
    description: t.description,
    tierLevelValue: String(t.acronisTierLevelValue),
    trialAllowed: t.trialAllowed ? "on" : undefined,
    orderable: t.orderable ? "on" : undefined,
    retired: t.retiredAt ? "on" : undefined,
    sortOrder: String(t.sortOrder),
    ...patch,
  };
  return tierSchema.parse(Object.fromEntries(Object.entries(form).filter(([, v]) => v !== undefined)));
}

const edit = (input: Awaited<ReturnType<typeof tierForm>>) => updateTier(db(), input, admin, { today, now });

async function targetsOf(code: string) {
  const targets = await listTierTargets(db(), await tier(code), { currency: "USD", trialOnly: false, today });
  return { upgrades: targets.upgrades.map((t) => t.code), downgrades: targets.downgrades.map((t) => t.code) };
}

async function previewOf(contractId: string, period = "2026-11") {
  for await (const preview of streamBillingPreview(db(), period)) {
    if (preview.contractId === contractId) return preview;
  }
  throw new Error("contract not in the preview");
}

describe("editing a tier", () => {
  it("renames a tier in use but refuses to change its code, and audits before/after", async () => {
    await liveContract({ tierCode: "T2", today: "2026-11-03" });
    const { changed } = await edit(await tierForm("T2", { name: "Tier 2 Plus", tierLevelValue: "1" }));
    expect(changed).toEqual(["name"]);
    expect((await tier("T2")).name).toBe("Tier 2 Plus");
    const audit = await lastAudit("catalogue.tier_updated");
    expect(audit?.data).toMatchObject({
      code: "T2",
      before: { name: "Tier 2" },
      after: { name: "Tier 2 Plus" },
    });

    const error = await edit(await tierForm("T2", { code: "T2X" })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).fieldErrors?.code?.[0]).toMatch(/name this tier T2; the code cannot change/);
    expect((await tier("T2")).code).toBe("T2");
  });

  it("refuses a trial on Promo and a tier level below -1", async () => {
    const error = await edit(await tierForm("PROMO", { trialAllowed: "on" })).catch((e: unknown) => e);
    expect((error as AppError).fieldErrors?.trialAllowed).toEqual(["Promo has no trial (domain rule)."]);
    expect((await tier("PROMO")).trialAllowed).toBe(false);
    const parsed = tierSchema.safeParse({ ...(await tierForm("T1")), tierLevelValue: "-2", sortOrder: "1" });
    expect(parsed.success).toBe(false);
  });

  it("refuses to make a tier orderable while the price version in force does not price it", async () => {
    await db()
      .insert(s.tiers)
      .values({ code: "T9", name: "Tier 9", acronisTierLevelValue: 5, orderable: false, sortOrder: 90 });
    const error = await edit(await tierForm("T9", { orderable: "on" })).catch((e: unknown) => e);
    expect((error as AppError).fieldErrors?.orderable?.[0]).toMatch(
      /no commitment or prices in the price version in force/,
    );
    expect((await tier("T9")).orderable).toBe(false);
  });

  it("retires a tier: no longer an upgrade target nor on the storefront, yet its contract still previews", async () => {
    const onT4 = await liveContract({ tierCode: "T4", today: "2026-11-03" });
    await liveContract({ tierCode: "T1", today: "2026-11-03" });
    expect((await targetsOf("T1")).upgrades).toContain("T4");

    await edit(await tierForm("T4", { retired: "on" }));
    const t4 = await tier("T4");
    expect(t4.retiredAt).not.toBeNull();
    expect(t4.orderable).toBe(false);
    expect(await lastAudit("catalogue.tier_retired")).toMatchObject({ entityId: t4.id });

    expect((await targetsOf("T1")).upgrades).not.toContain("T4");
    expect((await loadStorefrontBook(db(), "USD", today)).tiers.map((t) => t.code)).not.toContain("T4");
    const preview = await previewOf(onT4.id);
    expect(preview).toMatchObject({ billable: true, error: null, tier: "T4" });
    expect(dec(preview.commitment).greaterThan(0)).toBe(true);
  });
});

describe("upgrade-path matrix", () => {
  async function currentPaths() {
    return (await db().select().from(s.upgradePaths)).map((p) => pathKey(p.fromTierId, p.toTierId));
  }
  const save = (paths: string[], expected: string[]) =>
    saveUpgradePaths(
      db(),
      upgradePathsSchema.parse({ paths: paths.join(","), expected: expected.join(",") }),
      admin,
    );

  it("removes a path in one save, so the tier is no longer offered as an upgrade", async () => {
    expect((await targetsOf("T1")).upgrades).toContain("T5");
    const before = await currentPaths();
    const t1t5 = pathKey((await tier("T1")).id, (await tier("T5")).id);
    const change = await save(
      before.filter((p) => p !== t1t5),
      before,
    );
    expect(change).toEqual({ added: [], removed: ["T1 → T5"] });
    expect((await targetsOf("T1")).upgrades).not.toContain("T5");
    const audit = await lastAudit("catalogue.upgrade_paths_saved");
    expect(audit?.data).toMatchObject({ removed: ["T1 → T5"] });
    const lists = audit?.data as { before: string[]; after: string[] };
    expect(lists.before).toContain("T1 → T5");
    expect(lists.after).not.toContain("T1 → T5");
  });

  it("refuses a path into Promo and a save over a matrix someone else changed", async () => {
    const before = await currentPaths();
    const intoPromo = pathKey((await tier("T1")).id, (await tier("PROMO")).id);
    await expectRefusal(
      save([...before, intoPromo], before),
      "validation",
      "A path into Promo is never allowed",
    );
    await expectRefusal(save(before, before.slice(1)), "conflict", "Someone changed the upgrade paths");
    expect(await currentPaths()).toEqual(before);
  });
});

describe("services", () => {
  const form = async (code: string, patch: Record<string, string | undefined> = {}) => {
    const k = await sku(code);
    const raw: Record<string, string | undefined> = {
      id: k.id,
      name: k.name,
      unit: k.unit,
      aggregation: k.aggregation,
      divisor: k.divisor,
      storefront: k.storefront ? "on" : undefined,
      active: k.active ? "on" : undefined,
      isMain: k.isMain ? "on" : undefined,
      sortOrder: String(k.sortOrder),
      acronisName: k.acronisName ?? "",
      storageOwner: k.storageOwner ?? "",
      ...patch,
    };
    return skuSchema.parse(Object.fromEntries(Object.entries(raw).filter(([, v]) => v !== undefined)));
  };

  it("a service taken off the storefront disappears from the storefront's data", async () => {
    const codes = async () => (await loadStorefrontBook(db(), "USD", today)).skus.map((k) => k.code);
    expect(await codes()).toContain("pw_base_vms");
    await updateSku(db(), await form("pw_base_vms", { storefront: undefined }), admin);
    expect(await codes()).not.toContain("pw_base_vms");
    expect((await sku("pw_base_vms")).active).toBe(true);
    expect(await lastAudit("catalogue.sku_updated")).toMatchObject({
      data: { code: "pw_base_vms", before: { storefront: true }, after: { storefront: false } },
    });
  });

  it("changes the divisor only once the admin confirmed that resellers will pay differently", async () => {
    const input = await form("pw_base_storage", { divisor: "1000000000" });
    await expectRefusal(updateSku(db(), input, admin), "validation", "so what resellers pay");
    expect(dec((await sku("pw_base_storage")).divisor).equals(1073741824)).toBe(true);
    await updateSku(db(), { ...input, confirmBillingChange: true }, admin);
    expect(dec((await sku("pw_base_storage")).divisor).equals(1000000000)).toBe(true);
    expect(skuSchema.safeParse({ ...input, divisor: "0" }).success).toBe(false);
  });

  it("maps a service to an offering item and storage owner once confirmed, one service per (item, storage)", async () => {
    // Hyperscaler storage re-pointed at Acronis-hosted storage would bill what the storage service bills.
    const clash = await form("pw_base_storage_hyperscaler", { storageOwner: "acronis" });
    await expectRefusal(updateSku(db(), clash, admin), "validation", "so what resellers pay");
    await expectRefusal(
      updateSku(db(), { ...clash, confirmBillingChange: true }, admin),
      "conflict",
      "Another service already bills this Acronis offering item on this storage",
    );
    expect((await sku("pw_base_storage_hyperscaler")).storageOwner).toBe("hyperscaler");

    // Typing the code itself is no change: the name keeps following the code.
    const same = await form("pw_base_vms", { acronisName: "pw_base_vms" });
    expect((await updateSku(db(), same, admin)).changed).toEqual([]);
    expect((await sku("pw_base_vms")).acronisName).toBeNull();

    const moved = await form("pg_base_vms", { acronisName: "pg_base_vms_legacy" });
    await updateSku(db(), { ...moved, confirmBillingChange: true }, admin);
    expect((await sku("pg_base_vms")).acronisName).toBe("pg_base_vms_legacy");
    expect(await lastAudit("catalogue.sku_updated")).toMatchObject({
      data: {
        code: "pg_base_vms",
        before: { acronisName: null },
        after: { acronisName: "pg_base_vms_legacy" },
      },
    });
    expect(skuSchema.safeParse({ ...moved, storageOwner: "partner" }).success).toBe(false);
    expect(skuSchema.safeParse({ ...moved, acronisName: "PW Storage" }).success).toBe(false);
  });
});

describe("creating a tier", () => {
  it("copies Tier 3's prices into every open version, gets paths, and a contract on it is rated", async () => {
    const t3 = await tier("T3");
    const input = createTierSchema.parse({
      code: "t3b",
      name: "Tier 3 Business",
      tierLevelValue: "2",
      trialAllowed: "on",
      orderable: "on",
      sortOrder: "35",
      commitmentUsd: "3000",
      copyFrom: t3.id,
    });
    const { tier: created, pricedVersions } = await createTier(db(), input, admin, { today });
    expect(created.code).toBe("T3B");
    expect(pricedVersions).toHaveLength(1);

    const copied = await db().select().from(s.prices).where(eq(s.prices.tierId, created.id));
    const source = await db().select().from(s.prices).where(eq(s.prices.tierId, t3.id));
    expect(copied.length).toBe(source.length);
    const view = await loadCatalogueView(db(), today);
    const row = view.tiers.find((t) => t.code === "T3B");
    expect(row).toMatchObject({ pricedInForce: true, commitments: { USD: "3000.0000" } });
    expect((await targetsOf("T2")).upgrades).toContain("T3B");
    expect((await targetsOf("PROMO")).upgrades).toContain("T3B");

    const contract = await liveContract({ tierCode: "T3B", today: "2026-11-01" });
    const preview = await previewOf(contract.id);
    expect(preview).toMatchObject({ billable: true, error: null, tier: "T3B", commitment: "3000.00" });
    expect(await lastAudit("catalogue.tier_created")).toMatchObject({
      entityId: created.id,
      data: { after: { code: "T3B", pricesCopiedFrom: "T3", commitmentUsd: "3000" } },
    });
  });

  it("refuses a code already taken", async () => {
    const input = createTierSchema.parse({
      code: "T1",
      name: "Again",
      tierLevelValue: "0",
      sortOrder: "1",
      commitmentUsd: "1",
      copyFrom: (await tier("T1")).id,
    });
    const error = await createTier(db(), input, admin, { today }).catch((e: unknown) => e);
    expect((error as AppError).fieldErrors?.code).toEqual(["Another tier already uses this code."]);
  });
});

// Last: an issued invoice locks the version in force for the rest of this file.
describe("creating a tier when the version in force priced issued invoices", () => {
  beforeAll(async () => {
    const contract = await liveContract({ tierCode: "T1", today: "2026-10-01" });
    await db().insert(s.invoices).values({
      contractId: contract.id,
      resellerId: contract.resellerId,
      period: "2026-10",
      number: "INV-2026-CAT001",
      status: "issued",
      currency: "USD",
      invoiceDate: "2026-11-01",
      tierCode: "T1",
      tierName: "Tier 1",
      cycle: 1,
      activeDays: 31,
      periodDays: 31,
      commitment: "250.00",
      consumption: "0",
      topUp: "250.00",
      subtotal: "250.00",
      taxRatePercent: "0",
      tax: "0.00",
      total: "250.00",
    });
  });

  const input = async (orderable: boolean, code: string) =>
    createTierSchema.parse({
      code,
      name: `Tier ${code}`,
      tierLevelValue: "2",
      orderable: orderable ? "on" : undefined,
      sortOrder: "36",
      commitmentUsd: "2000",
      copyFrom: (await tier("T3")).id,
    });

  it("is refused with nothing to price it in, then priced only in next month's version and not orderable", async () => {
    await expectRefusal(
      createTier(db(), await input(false, "T3C"), admin, { today }),
      "conflict",
      "Prepare next month's version in the price book",
    );
    expect(await db().select().from(s.tiers).where(eq(s.tiers.code, "T3C"))).toEqual([]);

    const [next] = await db().insert(s.priceVersions).values({ effectiveFrom: "2026-12-01" }).returning();
    const current = (await loadCatalogueView(db(), today)).version;
    const t3 = await tier("T3");
    const t3Prices = await db()
      .select()
      .from(s.prices)
      .where(and(eq(s.prices.versionId, current.id), eq(s.prices.tierId, t3.id)));
    await db()
      .insert(s.prices)
      .values(t3Prices.map(({ id: _id, updatedAt: _u, ...p }) => ({ ...p, versionId: next!.id })));

    const refused = await createTier(db(), await input(true, "T3C"), admin, { today }).catch(
      (e: unknown) => e,
    );
    expect((refused as AppError).fieldErrors?.orderable?.[0]).toMatch(
      /becomes orderable from the next version/,
    );

    const { tier: created, pricedVersions } = await createTier(db(), await input(false, "T3C"), admin, {
      today,
    });
    expect(pricedVersions).toEqual(["2026-12-01"]);
    expect(created.orderable).toBe(false);
    const error = await edit(await tierForm("T3C", { orderable: "on" })).catch((e: unknown) => e);
    expect((error as AppError).fieldErrors?.orderable).toBeDefined();
    // Offered to no one this month, so the pages that list moves keep working.
    expect((await targetsOf("T2")).upgrades).not.toContain("T3C");
  });
});
