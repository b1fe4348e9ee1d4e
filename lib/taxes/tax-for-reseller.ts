import "server-only";
import { eq, inArray } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { distributorSettings, taxRates } from "@/db/schema";
import { dec } from "@/lib/billing";
import { AppError } from "@/lib/errors/app-error";
import { decideTax, type TaxDecision } from "./rules";

/** The distributor's country, from its settings (the seed's is US). */
export async function distributorCountry(db: DbOrTx): Promise<string> {
  const [row] = await db
    .select({ country: distributorSettings.country })
    .from(distributorSettings)
    .where(eq(distributorSettings.id, 1));
  if (!row) throw new AppError("internal", "The distributor settings are missing: run the seed.");
  return row.country;
}

/**
 * The tax rate and reverse charge a new reseller in `country` with `taxId` gets, from the distributor's
 * table (domain.md §2.4; the rules are `decideTax`). Used at sign-up and when a reseller is created by hand;
 * an existing reseller keeps its rate when the table changes.
 */
export async function taxForReseller(
  db: DbOrTx,
  input: { country: string; taxId: string | null | undefined },
): Promise<TaxDecision> {
  const home = await distributorCountry(db);
  const country = input.country.toUpperCase();
  const rows = await db
    .select({ country: taxRates.country, ratePercent: taxRates.ratePercent })
    .from(taxRates)
    .where(inArray(taxRates.country, [...new Set([home, country])]));
  // Stored as numeric(7,4) ("19.0000"); kept as the shortest exact decimal ("19").
  const rates = new Map(rows.map((r) => [r.country, dec(r.ratePercent).toString()]));
  return decideTax({
    distributorCountry: home,
    country,
    taxId: input.taxId,
    rateOf: (c) => rates.get(c),
  });
}
