import "server-only";
import { createHash, randomBytes } from "node:crypto";
import Decimal from "decimal.js";
import { eq, sql } from "drizzle-orm";
import type { PgTable } from "drizzle-orm/pg-core";
import { hashPassword } from "@/lib/auth/password";
import type { Db } from "../client";
import * as s from "../schema";
import {
  currencyFactors,
  INITIAL_PRICE_VERSION,
  PRICE_LIST_CURRENCIES,
  seedFxFromUsd,
  seedOfferingItems,
  seedSkus,
  seedTaxRates,
  seedTiers,
} from "./catalogue";
import {
  type DemoReseller,
  demoApiKeys,
  demoBrand,
  demoResellers,
  demoStaff,
  placementParent,
  seedProvisioningHistory,
} from "./demo";
import { issueDemoInvoices } from "./invoices";
import { seedStorageUsage, seedUsage, unit } from "./usage";

export type SeedLogin = {
  area: "admin" | "portal";
  role: string;
  email: string;
  password: string;
  company: string;
};

/** Deterministic UUID from a name, so re-seeding finds the same rows. */
export function seedUuid(name: string): string {
  const h = createHash("sha256").update(`tierline-seed:${name}`).digest("hex");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

export async function isSeeded(db: Db): Promise<boolean> {
  const rows = await db.select({ id: s.distributorSettings.id }).from(s.distributorSettings).limit(1);
  return rows.length > 0;
}

/** The brand of a production install until the distributor sets its own (Settings → Branding). */
function neutralBrand(adminEmail: string) {
  return {
    name: "Tierline",
    legalName: "Tierline",
    tagline: "Acronis Cyber Protect Cloud for managed service providers, billed exactly.",
    supportEmail: adminEmail,
  };
}

/** Whether the database was seeded with the demo data (and so holds its known passwords). */
export async function isDemoDatabase(db: Db): Promise<boolean> {
  const [row] = await db
    .select({ isDemo: s.distributorSettings.isDemo })
    .from(s.distributorSettings)
    .limit(1);
  return row?.isDemo ?? false;
}

export type SeedOptions = {
  today?: Date;
  /** The demo brand, staff and resellers (default on). */
  demo?: boolean;
  /** Generate the demo resellers' usage here (default on); off when it comes from Acronis instead. */
  demoUsage?: boolean;
  /**
   * Bill the demo resellers' closed months, issued (default off: most tests want a clean slate and a fast
   * seed). Needs the usage: with `demoUsage` off the caller calls issueDemoInvoices once a sync brought it.
   */
  demoInvoices?: boolean;
  adminEmail?: string;
};

/**
 * Idempotent: every insert is keyed on a natural key and skips rows that exist. The catalogue always; with
 * `demo` (the default for tests, TIERLINE_DEMO=1 for the app) the demo brand, staff and resellers with their
 * known passwords; without it one distributor admin (`adminEmail`) with a random password, returned once.
 */
/** A demo key's row: stored as any key is (SHA-256 and the visible prefix, lib/api-keys). */
function demoApiKeyRow(k: (typeof demoApiKeys)[number], resellerId: string | null) {
  return {
    resellerId,
    name: k.name,
    prefix: k.key.slice(0, 11),
    keyHash: createHash("sha256").update(k.key).digest("hex"),
    scopes: k.scopes,
  };
}

export async function seedDatabase(db: Db, options: SeedOptions = {}): Promise<SeedLogin[]> {
  const today = options.today ?? new Date();
  const demo = options.demo !== false;
  const adminEmail = (options.adminEmail ?? "admin@localhost").toLowerCase();
  const logins: SeedLogin[] = [];
  await db.transaction(async (tx) => {
    await tx
      .insert(s.distributorSettings)
      .values({
        id: 1,
        ...(demo ? demoBrand : neutralBrand(adminEmail)),
        isDemo: demo,
        termsVersion: "2026-01",
        termsText:
          "These terms govern the resale of Acronis Cyber Protect Cloud services supplied by the distributor. " +
          "The reseller commits to the minimum monthly commitment of its tier and pays invoices within 30 days.",
        privacyText:
          "We process the personal data of reseller staff to provide the service, bill it and support it. " +
          "We never sell it. Write to the support address to access or erase your data.",
        offeringItems: seedOfferingItems,
      })
      .onConflictDoNothing();

    for (const { commitmentUsd: _usd, ...t } of seedTiers)
      await tx.insert(s.tiers).values(t).onConflictDoNothing();
    const tierRows = await tx.select().from(s.tiers);
    const tierByCode = new Map(tierRows.map((t) => [t.code, t]));

    // Default upgrade paths: every higher-commitment tier is an upgrade of a lower one, so the reverse is a
    // downgrade; nothing downgrades to Promo (no path into Promo at all).
    for (const from of tierRows) {
      for (const to of tierRows) {
        if (from.id === to.id || to.code === "PROMO") continue;
        if (from.code === "PROMO" && to.code === "T0") continue;
        await tx
          .insert(s.upgradePaths)
          .values({ fromTierId: from.id, toTierId: to.id })
          .onConflictDoNothing();
      }
    }

    for (const [i, sku] of seedSkus.entries()) {
      const { usd: _usd, ...row } = sku;
      await tx
        .insert(s.skus)
        .values({ ...row, isMain: sku.isMain ?? false, storefront: sku.storefront ?? true, sortOrder: i })
        .onConflictDoNothing();
    }
    const skuRows = await tx.select().from(s.skus);
    const skuByCode = new Map(skuRows.map((k) => [k.code, k]));

    await tx.insert(s.taxRates).values(seedTaxRates).onConflictDoNothing();

    // The seed price book is the first version, in force since long before any invoice (§2.2). A database
    // that has a price book keeps it untouched: once it priced issued invoices, the guards of migration 0008
    // refuse even an insert that would change nothing.
    const [anyVersion] = await tx.select({ id: s.priceVersions.id }).from(s.priceVersions).limit(1);
    if (!anyVersion) {
      const [version] = await tx
        .insert(s.priceVersions)
        .values({ effectiveFrom: INITIAL_PRICE_VERSION, note: "Initial price book" })
        .returning({ id: s.priceVersions.id });
      const versionId = version!.id;
      await tx.insert(s.tierCommitments).values(
        seedTiers.map((t) => ({
          versionId,
          tierId: tierByCode.get(t.code)!.id,
          currency: "USD",
          amount: t.commitmentUsd,
        })),
      );
      const priceRows: (typeof s.prices.$inferInsert)[] = [];
      for (const sku of seedSkus) {
        for (const tier of seedTiers) {
          const idx = tier.code === "PROMO" ? 1 : Number(tier.code.slice(1));
          const usd = new Decimal(sku.usd[idx] ?? sku.usd[0]);
          for (const cur of PRICE_LIST_CURRENCIES) {
            priceRows.push({
              versionId,
              skuId: skuByCode.get(sku.code)!.id,
              tierId: tierByCode.get(tier.code)!.id,
              currency: cur,
              unitPrice: usd.mul(currencyFactors[cur]).toDecimalPlaces(4, Decimal.ROUND_HALF_UP).toFixed(4),
            });
          }
        }
      }
      await tx.insert(s.prices).values(priceRows);
    }

    // Seven month-end FX rates, drifting slightly, so the "latest on or before" rule has history to choose
    // from. Dated the last day of each month, as a run at midnight on the 1st finds them: the day's own ECB
    // rate is published that afternoon, so importing it never collides with a rate an invoice printed.
    const fxRows: (typeof s.fxRates.$inferInsert)[] = [];
    for (let m = 6; m >= 0; m--) {
      const d = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() - m, 0));
      const date = d.toISOString().slice(0, 10);
      for (const [to, rate] of Object.entries(seedFxFromUsd)) {
        const drift = new Decimal(1).plus(new Decimal(unit(`${to}${date}`)).minus(0.5).div(50));
        fxRows.push({
          from: "USD",
          to,
          rate: new Decimal(rate).mul(drift).toDecimalPlaces(6).toFixed(6),
          date,
          source: "seed",
        });
      }
    }
    await tx.insert(s.fxRates).values(fxRows).onConflictDoNothing();

    if (!demo) {
      const password = randomBytes(15).toString("base64url");
      const [admin] = await tx
        .insert(s.users)
        .values({
          email: adminEmail,
          name: "Distributor admin",
          role: "admin",
          passwordHash: await hashPassword(password),
          emailVerifiedAt: today,
        })
        .onConflictDoNothing()
        .returning({ id: s.users.id });
      if (admin) logins.push({ area: "admin", role: "admin", email: adminEmail, password, company: "" });
    }
    for (const staff of demo ? demoStaff : []) {
      await tx
        .insert(s.users)
        .values({
          email: staff.email,
          name: staff.name,
          role: staff.role,
          passwordHash: await hashPassword(staff.password),
          emailVerifiedAt: today,
        })
        .onConflictDoNothing();
      logins.push({
        area: "admin",
        role: staff.role,
        email: staff.email,
        password: staff.password,
        company: demoBrand.name,
      });
    }
    for (const k of demo ? demoApiKeys.filter((d) => d.reseller === null) : []) {
      await tx.insert(s.apiKeys).values(demoApiKeyRow(k, null)).onConflictDoNothing();
    }
  });

  if (demo) {
    // demoUsage false: usage comes from Acronis (the simulator) through a sync instead of being generated here.
    const withUsage = options.demoUsage !== false;
    for (const r of demoResellers) logins.push(...(await seedDemoReseller(db, r, today, withUsage)));
    if (withUsage && options.demoInvoices) await issueDemoInvoices(db, today);
  }
  return logins;
}

async function seedDemoReseller(
  db: Db,
  r: DemoReseller,
  today: Date,
  withUsage: boolean,
): Promise<SeedLogin[]> {
  const paidStartAt = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() - r.paidMonthsAgo, 1));
  const paidStart = paidStartAt.toISOString().slice(0, 10);
  // A customer since its paid start (not since the day the demo was seeded): approved and ordered then.
  const since = new Date(Math.min(paidStartAt.getTime() + 9 * 3_600_000, today.getTime()));
  const logins: SeedLogin[] = [];
  await db.transaction(async (tx) => {
    await tx
      .insert(s.resellers)
      .values({
        id: seedUuid(r.tag),
        name: r.name,
        legalName: r.legalName,
        addressLine1: r.addressLine1,
        city: r.city,
        postalCode: r.postalCode,
        country: r.country,
        taxId: r.taxId,
        taxRatePercent: r.taxRatePercent,
        currency: r.currency,
        billingEmail: r.users[0]!.email,
        status: "active",
        internalTag: r.tag,
        acronisTenantId: seedUuid(`${r.tag}:tenant`),
        acronisAdminLogin: r.tag.replace("demo-", ""),
        approvedAt: since,
        createdAt: since,
        updatedAt: since,
      })
      .onConflictDoNothing();
    const [reseller] = await tx.select().from(s.resellers).where(eq(s.resellers.internalTag, r.tag));
    if (!reseller) throw new Error(`seed: reseller ${r.tag} missing`);
    const [tier] = await tx.select().from(s.tiers).where(eq(s.tiers.code, r.tier));
    if (!tier) throw new Error(`seed: tier ${r.tier} missing`);

    const existing = await tx.select().from(s.contracts).where(eq(s.contracts.resellerId, reseller.id));
    if (existing.length === 0) {
      const [contract] = await tx
        .insert(s.contracts)
        .values({
          resellerId: reseller.id,
          state: "active",
          targetState: "active",
          currency: r.currency,
          tierId: tier.id,
          paidStart,
          rampUpCycles: r.rampUpCycles,
          createdAt: since,
          updatedAt: since,
        })
        .returning();
      await tx
        .insert(s.contractTierHistory)
        .values({ contractId: contract!.id, tierId: tier.id, effectiveFrom: paidStart, kind: "order" });
      await tx
        .insert(s.contractEvents)
        .values({ contractId: contract!.id, fromState: null, toState: "active", event: "seeded", at: since });
    }
    const [contract] = await tx.select().from(s.contracts).where(eq(s.contracts.resellerId, reseller.id));
    if (contract) await seedProvisioningHistory(tx, { contract, reseller, tier, at: since });

    for (const u of r.users) {
      await tx
        .insert(s.users)
        .values({
          email: u.email,
          name: u.name,
          role: u.role,
          resellerId: reseller.id,
          passwordHash: await hashPassword(u.password),
          emailVerifiedAt: today,
        })
        .onConflictDoNothing();
      logins.push({ area: "portal", role: u.role, email: u.email, password: u.password, company: r.name });
    }
    for (const k of demoApiKeys.filter((d) => d.reseller === r.tag)) {
      await tx.insert(s.apiKeys).values(demoApiKeyRow(k, reseller.id)).onConflictDoNothing();
    }

    // Keyed on the name too: attached to the simulator, a demo customer carries its tenant's id instead.
    const known = await tx.select().from(s.customers).where(eq(s.customers.resellerId, reseller.id));
    const monthStart = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), 1));
    for (const name of r.customers.filter((n) => !known.some((c) => c.name === n))) {
      const placement = r.placements?.[name];
      const parent = placementParent(placement);
      await tx
        .insert(s.customers)
        .values({
          resellerId: reseller.id,
          acronisTenantId: seedUuid(`${r.tag}:${name}`),
          name,
          path: parent?.name ?? "",
          parentTenantId: parent
            ? seedUuid(`${r.tag}:${parent.kind}:${parent.name}`)
            : seedUuid(`${r.tag}:tenant`),
          // Acronis switches a trial to production after one full calendar month: on the 1st after next.
          ...(placement?.trial
            ? {
                pricingMode: "trial",
                productionStartDate: new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() + 2, 1)),
                firstSeenAt: monthStart,
              }
            : {}),
        })
        .onConflictDoNothing();
    }
    const customerRows = await tx.select().from(s.customers).where(eq(s.customers.resellerId, reseller.id));
    const skuRows = await tx.select().from(s.skus);
    if (withUsage) {
      const inTrial = (c: s.Customer) => r.placements?.[c.name]?.trial === true;
      await seedUsage(
        tx,
        customerRows.filter((c) => !inTrial(c)),
        skuRows,
        paidStart,
        today,
      );
      // A trial customer started this month (a trial ends after a full calendar month); every demo reseller
      // is paid since the 1st of this month or earlier.
      const trialFrom = monthStart.toISOString().slice(0, 10);
      await seedUsage(tx, customerRows.filter(inTrial), skuRows, trialFrom, today);
      const hyperscaler = skuRows.find(
        (k) => k.storageOwner === "hyperscaler" && k.acronisName === "pw_base_storage",
      );
      for (const c of customerRows) {
        const gb = r.placements?.[c.name]?.hyperscalerStorageGb;
        if (gb && hyperscaler) await seedStorageUsage(tx, c, hyperscaler, paidStart, today, gb);
      }
    }
  });
  return logins;
}

export async function countRows(db: Db): Promise<Record<string, number>> {
  const count = async (t: PgTable) =>
    Number((await db.select({ n: sql<string>`count(*)` }).from(t))[0]?.n ?? 0);
  return {
    tiers: await count(s.tiers),
    skus: await count(s.skus),
    prices: await count(s.prices),
    fxRates: await count(s.fxRates),
    users: await count(s.users),
    resellers: await count(s.resellers),
    contracts: await count(s.contracts),
    customers: await count(s.customers),
    usageSnapshots: await count(s.usageSnapshots),
    invoices: await count(s.invoices),
  };
}
