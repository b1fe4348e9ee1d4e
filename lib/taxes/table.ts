import "server-only";
import { eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { taxRates } from "@/db/schema";
import { type Actor, writeAudit } from "@/lib/audit";
import { dec } from "@/lib/billing";
import { AppError } from "@/lib/errors/app-error";
import { countryName } from "@/lib/signup/countries";
import type { TaxRateInput } from "./schema";

export type TaxTableRow = {
  country: string;
  countryName: string;
  ratePercent: string;
  label: string;
  updatedAt: Date;
  /** Resellers in that country (closed ones left out). */
  resellers: number;
  /** … of which pay another rate than this row's (set by hand, or from before the row changed). */
  differentRate: number;
  /** … of which are reverse-charged (0 %, by the EU rule, not by this row). */
  reverseCharge: number;
};

/** Countries where resellers are but the table has no row: they were taxed 0 % at sign-up. */
export type UntabledCountry = { country: string; countryName: string; resellers: number };

export async function listTaxTable(db: Db): Promise<{ rows: TaxTableRow[]; untabled: UntabledCountry[] }> {
  const rows = await db.execute<{
    country: string;
    rate_percent: string;
    label: string;
    updated_at: string | Date;
    resellers: string | number;
    different: string | number;
    reverse_charge: string | number;
  }>(sql`
    select t.country, t.rate_percent, t.label, t.updated_at,
      count(r.id) as resellers,
      count(r.id) filter (where r.tax_rate_percent <> t.rate_percent and not r.reverse_charge) as different,
      count(r.id) filter (where r.reverse_charge) as reverse_charge
    from tax_rates t
    left join resellers r on r.country = t.country and r.status <> 'closed'
    group by t.country`);
  const untabled = await db.execute<{ country: string; resellers: string | number }>(sql`
    select r.country, count(*) as resellers from resellers r
    where r.status <> 'closed' and not exists (select 1 from tax_rates t where t.country = r.country)
    group by r.country`);
  const byName = (a: { countryName: string }, b: { countryName: string }) =>
    a.countryName.localeCompare(b.countryName, "en");
  return {
    rows: [...rows]
      .map((r) => ({
        country: r.country,
        countryName: countryName(r.country),
        ratePercent: dec(r.rate_percent).toString(),
        label: r.label,
        updatedAt: new Date(r.updated_at),
        resellers: Number(r.resellers),
        differentRate: Number(r.different),
        reverseCharge: Number(r.reverse_charge),
      }))
      .sort(byName),
    untabled: [...untabled]
      .map((r) => ({
        country: r.country,
        countryName: countryName(r.country),
        resellers: Number(r.resellers),
      }))
      .sort(byName),
  };
}

/**
 * Adds a country's rate (`create`) or changes it (`update`), audited with before and after. Only new
 * resellers are affected: a reseller's own rate is set at sign-up and changed on its page.
 */
export async function saveTaxRate(db: Db, actor: Actor, input: TaxRateInput): Promise<void> {
  const name = countryName(input.country);
  await db.transaction(async (tx) => {
    const [before] = await tx
      .select()
      .from(taxRates)
      .where(eq(taxRates.country, input.country))
      .for("update");
    if (input.mode === "create" && before) {
      throw new AppError("conflict", `${name} is in the table already: edit its row instead.`, {
        country: [`${name} is in the table already.`],
      });
    }
    if (input.mode === "update" && !before) {
      throw new AppError("not_found", `${name} is no longer in the table. Reload the page.`);
    }
    const after = { ratePercent: input.ratePercent, label: input.label };
    if (before) {
      const unchanged = dec(before.ratePercent).eq(input.ratePercent) && before.label === input.label;
      if (unchanged) return;
      await tx
        .update(taxRates)
        .set({ ...after, updatedBy: actor.userId, updatedAt: new Date() })
        .where(eq(taxRates.country, input.country));
    } else {
      await tx.insert(taxRates).values({ country: input.country, ...after, updatedBy: actor.userId });
    }
    await writeAudit(tx, actor, {
      action: before ? "tax_rate.updated" : "tax_rate.created",
      entityType: "tax_rate",
      entityId: input.country,
      data: {
        country: input.country,
        before: before ? { ratePercent: dec(before.ratePercent).toString(), label: before.label } : null,
        after,
      },
    });
  });
}

/** Removes a country's row: new resellers there get 0 % (unless domestic or reverse-charged). Audited. */
export async function deleteTaxRate(db: Db, actor: Actor, country: string): Promise<void> {
  await db.transaction(async (tx) => {
    const [before] = await tx.delete(taxRates).where(eq(taxRates.country, country)).returning();
    if (!before)
      throw new AppError("not_found", `${countryName(country)} is not in the table. Reload the page.`);
    await writeAudit(tx, actor, {
      action: "tax_rate.deleted",
      entityType: "tax_rate",
      entityId: country,
      data: {
        country,
        before: { ratePercent: dec(before.ratePercent).toString(), label: before.label },
        after: null,
      },
    });
  });
}
