import "server-only";
import { and, eq, inArray, lt, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { contracts, contractTierHistory, distributorSettings, prices, resellers } from "@/db/schema";
import { dec, periodEnd, periodStart } from "@/lib/billing";
import { commitmentsOfVersion, versionInForce } from "@/lib/catalogue/price-versions";
import { coveredContractsWhere } from "@/lib/invoices/coverage";

export type MissingPair = { from: string; to: string; reason: "prices" | "commitment" };

export type CurrencyWithoutRate = {
  currency: string;
  /** The invoice date of the period (§5.4): the rate must be dated on or before it. */
  invoiceDate: string;
  /** Pairs with no rate either way dated on or before the invoice date. */
  missing: MissingPair[];
  resellers: { id: string; name: string }[];
};

/**
 * Before a billing run: each currency of the contracts the run for `period` covers that the run could not
 * convert into. A currency needs a base-currency rate when some tier it is billed on has no own price for a
 * SKU the base currency prices (lib/billing/pricing.ts `priceListCurrency`), and a USD rate when a tier has
 * a non-zero USD commitment but no explicit one in it (lib/billing/commitment.ts). A stored rate either way
 * counts (lib/billing/fx.ts `findFxRate`).
 */
export async function currenciesWithoutRate(db: DbOrTx, period: string): Promise<CurrencyWithoutRate[]> {
  const invoiceDate = periodEnd(period);
  const start = periodStart(period);
  const [settings] = await db
    .select({ base: distributorSettings.baseCurrency })
    .from(distributorSettings)
    .where(eq(distributorSettings.id, 1));
  const base = settings?.base ?? "USD";
  const covered = await db
    .select({
      id: contracts.id,
      currency: contracts.currency,
      tierId: contracts.tierId,
      resellerId: resellers.id,
      resellerName: resellers.name,
    })
    .from(contracts)
    .innerJoin(resellers, eq(resellers.id, contracts.resellerId))
    .where(coveredContractsWhere(period));
  if (covered.length === 0) return [];

  const tiersOf = await tiersInPeriod(
    db,
    covered.map((c) => c.id),
    start,
    invoiceDate,
  );
  const version = await versionInForce(db, period);
  const [priceRows, commitments, pairRows] = await Promise.all([
    db
      .select({ tierId: prices.tierId, skuId: prices.skuId, currency: prices.currency })
      .from(prices)
      .where(eq(prices.versionId, version.id)),
    commitmentsOfVersion(db, version.id),
    db.execute<{ from: string; to: string }>(sql`
      select distinct from_currency as "from", to_currency as "to" from fx_rates
      where date <= ${invoiceDate}::date`),
  ]);
  const priced = new Set(priceRows.map((p) => `${p.tierId}|${p.skuId}|${p.currency}`));
  const basePriced = priceRows.filter((p) => p.currency === base);
  const pairs = new Set([...pairRows].map((r) => `${r.from}>${r.to}`));
  const hasRate = (a: string, b: string) => pairs.has(`${a}>${b}`) || pairs.has(`${b}>${a}`);

  const byCurrency = new Map<string, { tiers: Set<string>; resellers: Map<string, string> }>();
  for (const c of covered) {
    const entry = byCurrency.get(c.currency) ?? { tiers: new Set(), resellers: new Map() };
    for (const tier of tiersOf.get(c.id) ?? [c.tierId]) entry.tiers.add(tier);
    entry.resellers.set(c.resellerId, c.resellerName);
    byCurrency.set(c.currency, entry);
  }

  const out: CurrencyWithoutRate[] = [];
  for (const [currency, { tiers, resellers: who }] of [...byCurrency].sort(([a], [b]) =>
    a.localeCompare(b),
  )) {
    const missing: MissingPair[] = [];
    const needsBase =
      currency !== base &&
      basePriced.some((p) => tiers.has(p.tierId) && !priced.has(`${p.tierId}|${p.skuId}|${currency}`));
    if (needsBase && !hasRate(base, currency)) missing.push({ from: base, to: currency, reason: "prices" });
    const needsUsd =
      currency !== "USD" &&
      [...tiers].some((tier) => {
        const commitment = commitments.get(tier) ?? {};
        return (
          commitment[currency] === undefined && commitment.USD !== undefined && !dec(commitment.USD).isZero()
        );
      });
    if (needsUsd && !hasRate("USD", currency) && !missing.some((m) => m.from === "USD")) {
      missing.push({ from: "USD", to: currency, reason: "commitment" });
    }
    if (missing.length === 0) continue;
    out.push({
      currency,
      invoiceDate,
      missing,
      resellers: [...who].map(([id, name]) => ({ id, name })).sort((a, b) => a.name.localeCompare(b.name)),
    });
  }
  return out;
}

/** Tier ids in force at some point of the period, per contract (the latest before it and every change in it). */
async function tiersInPeriod(db: DbOrTx, contractIds: string[], start: string, end: string) {
  const rows = await db
    .select({
      contractId: contractTierHistory.contractId,
      tierId: contractTierHistory.tierId,
      from: contractTierHistory.effectiveFrom,
    })
    .from(contractTierHistory)
    .where(
      and(inArray(contractTierHistory.contractId, contractIds), lt(contractTierHistory.effectiveFrom, end)),
    );
  const out = new Map<string, string[]>();
  const grouped = new Map<string, typeof rows>();
  for (const row of rows) grouped.set(row.contractId, [...(grouped.get(row.contractId) ?? []), row]);
  for (const [contractId, entries] of grouped) {
    const before = entries.filter((e) => e.from <= start).sort((a, b) => b.from.localeCompare(a.from))[0];
    const within = entries.filter((e) => e.from > start);
    out.set(
      contractId,
      [...(before ? [before] : []), ...within].map((e) => e.tierId),
    );
  }
  return out;
}
