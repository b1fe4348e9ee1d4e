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
  PRICE_LIST_CURRENCIES,
  seedFxFromUsd,
  seedOfferingItems,
  seedSkus,
  seedTiers,
} from "./catalogue";
import { demoBrand, demoResellers, demoStaff } from "./demo";

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

/** Deterministic 0..1 from a name (no Math.random: the seed is reproducible). */
function unit(name: string): number {
  return Number.parseInt(createHash("sha256").update(name).digest("hex").slice(0, 8), 16) / 0xffffffff;
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

/**
 * Idempotent: every insert is keyed on a natural key and skips rows that exist. The catalogue always; with
 * `demo` (the default for tests, TIERLINE_DEMO=1 for the app) the demo brand, staff and resellers with their
 * known passwords; without it one distributor admin (`adminEmail`) with a random password, returned once.
 */
export async function seedDatabase(
  db: Db,
  options: { today?: Date; demo?: boolean; demoUsage?: boolean; adminEmail?: string } = {},
): Promise<SeedLogin[]> {
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

    for (const t of seedTiers) await tx.insert(s.tiers).values(t).onConflictDoNothing();
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
        .values({ ...row, isMain: sku.isMain ?? false, sortOrder: i })
        .onConflictDoNothing();
    }
    const skuRows = await tx.select().from(s.skus);
    const skuByCode = new Map(skuRows.map((k) => [k.code, k]));

    const priceRows: (typeof s.prices.$inferInsert)[] = [];
    for (const sku of seedSkus) {
      for (const tier of seedTiers) {
        const idx = tier.code === "PROMO" ? 1 : Number(tier.code.slice(1));
        const usd = new Decimal(sku.usd[idx] ?? sku.usd[0]);
        for (const cur of PRICE_LIST_CURRENCIES) {
          priceRows.push({
            skuId: skuByCode.get(sku.code)!.id,
            tierId: tierByCode.get(tier.code)!.id,
            currency: cur,
            unitPrice: usd.mul(currencyFactors[cur]).toDecimalPlaces(4, Decimal.ROUND_HALF_UP).toFixed(4),
          });
        }
      }
    }
    await tx.insert(s.prices).values(priceRows).onConflictDoNothing();

    // Six monthly FX rates, drifting slightly, so the "latest on or before" rule has history to choose from.
    const fxRows: (typeof s.fxRates.$inferInsert)[] = [];
    for (let m = 6; m >= 0; m--) {
      const d = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() - m, 1));
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
  });

  if (demo) {
    // demoUsage false: usage comes from Acronis (the simulator) through a sync instead of being generated here.
    for (const r of demoResellers)
      logins.push(...(await seedDemoReseller(db, r, today, options.demoUsage !== false)));
  }
  return logins;
}

async function seedDemoReseller(
  db: Db,
  r: (typeof demoResellers)[number],
  today: Date,
  withUsage: boolean,
): Promise<SeedLogin[]> {
  const paidStart = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() - 6, 1))
    .toISOString()
    .slice(0, 10);
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
        approvedAt: today,
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
        })
        .returning();
      await tx
        .insert(s.contractTierHistory)
        .values({ contractId: contract!.id, tierId: tier.id, effectiveFrom: paidStart, kind: "order" });
      await tx
        .insert(s.contractEvents)
        .values({ contractId: contract!.id, fromState: null, toState: "active", event: "seeded" });
    }

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

    for (const name of r.customers) {
      await tx
        .insert(s.customers)
        .values({ resellerId: reseller.id, acronisTenantId: seedUuid(`${r.tag}:${name}`), name })
        .onConflictDoNothing();
    }
    const customerRows = await tx.select().from(s.customers).where(eq(s.customers.resellerId, reseller.id));
    const skuRows = await tx.select().from(s.skus);
    if (withUsage) await seedUsage(tx, customerRows, skuRows, paidStart, today);
  });
  return logins;
}

type TxLike = Parameters<Parameters<Db["transaction"]>[0]>[0];

/** Daily snapshots from the paid start to today: stable per customer, slowly growing, with weekly noise. */
async function seedUsage(
  tx: TxLike,
  customers: (typeof s.customers.$inferSelect)[],
  skus: (typeof s.skus.$inferSelect)[],
  from: string,
  today: Date,
): Promise<void> {
  const end = Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate());
  let batch: (typeof s.usageSnapshots.$inferInsert)[] = [];
  const flush = async () => {
    if (batch.length === 0) return;
    await tx.insert(s.usageSnapshots).values(batch).onConflictDoNothing();
    batch = [];
  };
  for (const c of customers) {
    const size = 0.3 + unit(`${c.id}:size`) * 1.7;
    const used = skus.filter((k) => k.isMain || unit(`${c.id}:${k.code}`) < 0.35);
    for (const k of used) {
      const base = baseValue(k.code, size);
      if (base <= 0) continue;
      for (let t = Date.parse(`${from}T00:00:00Z`); t <= end; t += 86_400_000) {
        const d = new Date(t);
        const dayIndex = (t - Date.parse(`${from}T00:00:00Z`)) / 86_400_000;
        const growth = 1 + dayIndex * 0.002;
        const noise = 0.95 + unit(`${c.id}:${k.code}:${t}`) * 0.1;
        let value: string;
        if (k.aggregation === "last") {
          // Compute points: seconds cumulative since the start of the month.
          value = String(Math.round(base * d.getUTCDate() * noise));
        } else if (k.acronisUnit === "bytes") {
          value = String(Math.round(base * growth * noise) * 1_048_576);
        } else {
          value = String(Math.max(0, Math.round(base * growth * noise)));
        }
        batch.push({ customerId: c.id, skuId: k.id, day: d.toISOString().slice(0, 10), value });
        if (batch.length >= 1000) await flush();
      }
    }
  }
  await flush();
}

/** A plausible starting level per SKU: counts, MiB for storage, seconds per day for compute. */
function baseValue(code: string, size: number): number {
  const table: Record<string, number> = {
    pw_base_workstations: 30,
    pw_base_servers: 5,
    pw_base_vms: 8,
    pw_base_web_hosting_servers: 2,
    pw_base_mobiles: 10,
    pw_base_m365_seats: 40,
    pw_base_gworkspace_seats: 25,
    pw_pack_adv_security: 20,
    pw_pack_adv_management: 15,
    pw_pack_adv_backup_servers: 3,
    pw_base_storage: 600 * 1024,
    pw_base_adv_dr_storage: 150 * 1024,
    pw_base_adv_dr_compute_points: 1800,
    pu_base_fc_seats: 12,
    pu_base_fc_storage: 80 * 1024,
  };
  return (table[code] ?? 0) * size;
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
  };
}
