import "server-only";
import { and, asc, eq, isNull } from "drizzle-orm";
import type { Db } from "@/db/client";
import { distributorSettings, tiers } from "@/db/schema";
import { commitmentsInCurrencies } from "@/lib/catalogue/commitment";
import { listOrderCurrencies, type OrderCurrency } from "@/lib/catalogue/currencies";
import { listCountries } from "./countries";

export type SignupOptions = {
  tiers: { code: string; name: string; trialAllowed: boolean; commitment: Record<string, string | null> }[];
  currencies: OrderCurrency[];
  countries: { code: string; name: string }[];
  trialDays: number;
  rampUpMaxCycles: number;
  rampUpDefaultCycles: number;
  termsVersion: string;
  requireAdminApproval: boolean;
};

/** Everything the sign-up form offers, computed by the same rules the order and the invoices use. */
export async function getSignupOptions(db: Db, today: string): Promise<SignupOptions> {
  const [settings] = await db.select().from(distributorSettings).where(eq(distributorSettings.id, 1));
  const rows = await db
    .select()
    .from(tiers)
    .where(and(eq(tiers.orderable, true), isNull(tiers.retiredAt)))
    .orderBy(asc(tiers.sortOrder));
  const currencies = await listOrderCurrencies(db, today);
  const ids = rows.map((t) => t.id);
  const byCurrency = await commitmentsInCurrencies(
    db,
    ids,
    currencies.map((c) => c.code),
    today,
  );
  return {
    tiers: rows.map((t) => ({
      code: t.code,
      name: t.name,
      trialAllowed: t.trialAllowed,
      commitment: Object.fromEntries([...byCurrency].map(([code, m]) => [code, m.get(t.id) ?? null])),
    })),
    currencies,
    countries: listCountries(),
    trialDays: settings?.trialDays ?? 30,
    rampUpMaxCycles: Math.max(0, settings?.rampUpMaxCycles ?? 0),
    rampUpDefaultCycles: Math.min(settings?.rampUpDefaultCycles ?? 0, settings?.rampUpMaxCycles ?? 0),
    termsVersion: settings?.termsVersion ?? "1",
    requireAdminApproval: settings?.requireAdminApproval ?? false,
  };
}
