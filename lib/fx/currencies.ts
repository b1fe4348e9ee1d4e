import "server-only";
import { sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { PRICE_LIST_ORDER } from "@/lib/catalogue/currencies";

/**
 * The currencies the distributor uses, so an import keeps their rates and skips the rest: Acronis's
 * price-list currencies and any other currency with prices, the base currency, every reseller's and
 * contract's currency, and the currencies the storefront already sells in through a stored rate.
 */
export async function distributorCurrencies(db: DbOrTx): Promise<Set<string>> {
  const rows = await db.execute<{ code: string }>(sql`
    select base_currency as code from distributor_settings
    union select distinct currency from prices
    union select distinct currency from resellers
    union select distinct currency from contracts
    union select distinct from_currency from fx_rates
    union select distinct to_currency from fx_rates`);
  return new Set([...PRICE_LIST_ORDER, ...[...rows].map((r) => r.code.trim())]);
}
