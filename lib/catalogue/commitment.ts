import "server-only";
import { and, eq, inArray, lte, or } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { fxRates, tierCommitments, tiers } from "@/db/schema";
import { BillingError, commitmentFor, type FxRate, formatMoney } from "@/lib/billing";

/**
 * Full-month commitments of some tiers in a currency, by the same rule invoices use (explicit amount, else
 * USD × the latest FX rate on or before `onDate`). A tier with no usable rate maps to null.
 */
export async function commitmentsIn(
  db: DbOrTx,
  tierIds: string[],
  currency: string,
  onDate: string,
): Promise<Map<string, string | null>> {
  if (tierIds.length === 0) return new Map();
  const rows = await db.select().from(tiers).where(inArray(tiers.id, tierIds));
  const explicit = await db.select().from(tierCommitments).where(inArray(tierCommitments.tierId, tierIds));
  const rates: FxRate[] = (
    await db
      .select()
      .from(fxRates)
      .where(
        and(
          lte(fxRates.date, onDate),
          or(
            and(eq(fxRates.from, "USD"), eq(fxRates.to, currency)),
            and(eq(fxRates.from, currency), eq(fxRates.to, "USD")),
          ),
        ),
      )
  ).map((r) => ({ from: r.from, to: r.to, rate: r.rate, date: r.date }));
  const definitions = rows.map((t) => ({
    code: t.code,
    commitment: {
      USD: t.commitmentUsd,
      ...Object.fromEntries(explicit.filter((c) => c.tierId === t.id).map((c) => [c.currency, c.amount])),
    },
  }));
  const out = new Map<string, string | null>();
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
      out.set(t.id, formatMoney(amount, currency));
    } catch (error) {
      if (!(error instanceof BillingError)) throw error;
      out.set(t.id, null);
    }
  }
  return out;
}
