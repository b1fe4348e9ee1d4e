import "server-only";
import { eq } from "drizzle-orm";
import type { Db, DbOrTx } from "@/db/client";
import { resellers } from "@/db/schema";
import { type Actor, writeAudit } from "@/lib/audit";
import { dec } from "@/lib/billing";
import { AppError } from "@/lib/errors/app-error";
import { countryName } from "@/lib/signup/countries";
import { isEuMember } from "./eu";
import type { TaxDecision } from "./rules";
import { distributorCountry, taxForReseller } from "./tax-for-reseller";
import { hasValidEuVatId } from "./vat-id";

export type ResellerTaxChange = {
  resellerId: string;
  /** Decimal string, 0–100 with at most 4 decimals (see ratePercentSchema). */
  ratePercent: string;
  reverseCharge: boolean;
  reason: string;
};

export type ResellerTax = { ratePercent: string; reverseCharge: boolean };

/**
 * An admin or finance user changes a reseller's tax rate (domain.md §2.4), with a reason. Reverse charge
 * needs a reseller in another EU member state than the distributor with a VAT id of valid format, and a
 * 0 % rate. The change and its audit entry (before, after, reason) are one transaction; drafts written
 * afterwards use the new rate, issued invoices keep theirs. The caller checks `finance:write`.
 */
export async function changeResellerTaxRate(
  db: Db,
  actor: Actor,
  input: ResellerTaxChange,
): Promise<{ before: ResellerTax; after: ResellerTax }> {
  const reason = input.reason.trim();
  if (reason.length < 3) {
    throw new AppError("validation", "Say why the rate changes.", { reason: ["Say why the rate changes."] });
  }
  const rate = parseRate(input.ratePercent);
  return db.transaction(async (tx) => {
    const [reseller] = await tx
      .select()
      .from(resellers)
      .where(eq(resellers.id, input.resellerId))
      .for("update");
    if (!reseller) throw new AppError("not_found", "Reseller not found.");
    if (input.reverseCharge) {
      const home = await distributorCountry(tx);
      const problem = reverseChargeProblem(home, reseller.country, reseller.taxId);
      if (problem) throw new AppError("validation", problem, { reverseCharge: [problem] });
      if (!rate.isZero()) {
        throw new AppError("validation", "With reverse charge the rate is 0 %.", {
          ratePercent: ["With reverse charge the rate is 0 %."],
        });
      }
    }
    const before = {
      ratePercent: dec(reseller.taxRatePercent).toString(),
      reverseCharge: reseller.reverseCharge,
    };
    const after = { ratePercent: rate.toString(), reverseCharge: input.reverseCharge };
    if (dec(before.ratePercent).eq(rate) && before.reverseCharge === after.reverseCharge) {
      throw new AppError("validation", "That is the reseller's rate already: nothing to change.", {
        ratePercent: ["That is the reseller's rate already."],
      });
    }
    await tx
      .update(resellers)
      .set({ taxRatePercent: after.ratePercent, reverseCharge: after.reverseCharge, updatedAt: new Date() })
      .where(eq(resellers.id, reseller.id));
    await writeAudit(tx, actor, {
      action: "reseller.tax_rate_changed",
      entityType: "reseller",
      entityId: reseller.id,
      resellerId: reseller.id,
      data: { before, after, reason },
    });
    return { before, after };
  });
}

/** Why reverse charge cannot apply to this reseller, or null when it can. */
export function reverseChargeProblem(
  distributorCountryCode: string,
  country: string,
  taxId: string | null,
): string | null {
  if (!isEuMember(distributorCountryCode) || !isEuMember(country) || country === distributorCountryCode) {
    return `Reverse charge applies only to a reseller in another EU member state than ${countryName(distributorCountryCode)}.`;
  }
  if (!hasValidEuVatId(country, taxId)) {
    return `Reverse charge needs the reseller's VAT id in a valid ${countryName(country)} format; correct the tax id first.`;
  }
  return null;
}

function parseRate(value: string) {
  const problem = "A rate from 0 to 100 with at most 4 decimals.";
  if (!/^\d{1,3}(\.\d{1,4})?$/.test(value.trim()) || dec(value.trim()).gt(100)) {
    throw new AppError("validation", problem, { ratePercent: [problem] });
  }
  return dec(value.trim());
}

export type ResellerTaxFacts = ResellerTax & {
  /** What the table would give this reseller today (its sign-up default if it signed up now). */
  tableDefault: TaxDecision;
  /** Why reverse charge cannot be chosen for it, or null when it can. */
  reverseChargeProblem: string | null;
};

/** What the reseller page's tax form shows: the current rate, the table's default and whether reverse charge is possible. */
export async function resellerTaxFacts(db: DbOrTx, resellerId: string): Promise<ResellerTaxFacts> {
  const [reseller] = await db.select().from(resellers).where(eq(resellers.id, resellerId));
  if (!reseller) throw new AppError("not_found", "Reseller not found.");
  const home = await distributorCountry(db);
  return {
    ratePercent: dec(reseller.taxRatePercent).toString(),
    reverseCharge: reseller.reverseCharge,
    tableDefault: await taxForReseller(db, { country: reseller.country, taxId: reseller.taxId }),
    reverseChargeProblem: reverseChargeProblem(home, reseller.country, reseller.taxId),
  };
}
