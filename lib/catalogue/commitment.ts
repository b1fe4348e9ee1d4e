import "server-only";
import { and, eq, inArray, lte, or } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { fxRates, tiers } from "@/db/schema";
import { BillingError, commitmentFor, type FxRate, formatMoney } from "@/lib/billing";
import { commitmentsOfVersion, versionInForce } from "./price-versions";

/**
 * Full-month commitments of some tiers in a currency, by the same rule invoices use (explicit amount, else
 * USD × the latest FX rate on or before `onDate`), from the price version in force for `onDate`'s month
 * (§2.2). A tier with no usable rate maps to null.
 */
export async function commitmentsIn(
  db: DbOrTx,
  tierIds: string[],
  currency: string,
  onDate: string,
): Promise<Map<string, string | null>> {
  return (await commitmentsInCurrencies(db, tierIds, [currency], onDate)).get(currency) ?? new Map();
}

/** The same for several currencies at once, in three queries whatever their number (currency → tier → amount). */
export async function commitmentsInCurrencies(
  db: DbOrTx,
  tierIds: string[],
  currencies: string[],
  onDate: string,
): Promise<Map<string, Map<string, string | null>>> {
  const out = new Map<string, Map<string, string | null>>(currencies.map((c) => [c, new Map()]));
  if (tierIds.length === 0 || currencies.length === 0) return out;
  const rows = await db.select().from(tiers).where(inArray(tiers.id, tierIds));
  const version = await versionInForce(db, onDate);
  const explicit = await commitmentsOfVersion(db, version.id, tierIds);
  const rates: FxRate[] = (
    await db
      .select()
      .from(fxRates)
      .where(
        and(
          lte(fxRates.date, onDate),
          or(
            and(eq(fxRates.from, "USD"), inArray(fxRates.to, currencies)),
            and(inArray(fxRates.from, currencies), eq(fxRates.to, "USD")),
          ),
        ),
      )
  ).map((r) => ({ from: r.from, to: r.to, rate: r.rate, date: r.date }));
  const definitions = rows.map((t) => ({
    code: t.code,
    commitment: explicit.get(t.id) ?? {},
  }));
  for (const currency of currencies) {
    const amounts = out.get(currency)!;
    for (const t of rows) {
      try {
        const { amount } = commitmentFor({
          tiers: definitions,
          tier: t.code,
          currency,
          fxRates: rates,
          invoiceDate: onDate,
          activeDays: 1,
          periodDays: 1,
        });
        amounts.set(t.id, formatMoney(amount, currency));
      } catch (error) {
        if (!(error instanceof BillingError)) throw error;
        amounts.set(t.id, null);
      }
    }
  }
  return out;
}
