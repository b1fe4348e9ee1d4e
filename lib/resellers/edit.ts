import "server-only";
import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { type Reseller, resellers } from "@/db/schema";
import { type Actor, writeAudit } from "@/lib/audit";
import { AppError } from "@/lib/errors/app-error";
import { canonicalTaxId, taxIdProblem } from "@/lib/signup/tax-id";
import { distributorCountry, reverseChargeProblem } from "@/lib/taxes";
import type { EditResellerInput } from "./schema";

const EDITABLE = [
  "name",
  "legalName",
  "addressLine1",
  "addressLine2",
  "city",
  "postalCode",
  "region",
  "country",
  "taxId",
  "billingEmail",
  "billingContacts",
] as const;
type Editable = (typeof EDITABLE)[number];
type Details = Pick<Reseller, Editable>;

function pick(row: Details): Details {
  return Object.fromEntries(EDITABLE.map((k) => [k, row[k]])) as Details;
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * An admin edits a reseller's company and billing details. Only the changed fields are written and audited
 * (before and after, in the same transaction). Issued invoices keep the parties frozen into them at issue;
 * drafts written afterwards print the new details. The tax rate is not touched here (finance changes it
 * with a reason), but a reseller under reverse charge must keep a country and VAT id that allow it.
 */
export async function updateResellerDetails(
  db: Db,
  actor: Actor,
  input: EditResellerInput,
): Promise<{ changed: Editable[] }> {
  const next: Details = {
    name: input.name,
    legalName: input.legalName,
    addressLine1: input.addressLine1,
    addressLine2: input.addressLine2,
    city: input.city,
    postalCode: input.postalCode,
    region: input.region,
    country: input.country,
    taxId: canonicalTaxId(input.country, input.taxId),
    billingEmail: input.billingEmail,
    // The billing email already receives every invoice: listing it again would send two copies.
    billingContacts: (input.billingContacts ?? []).filter((c) => c !== input.billingEmail),
  };
  return db.transaction(async (tx) => {
    const [row] = await tx.select().from(resellers).where(eq(resellers.id, input.resellerId)).for("update");
    if (!row) throw new AppError("not_found", "This reseller does not exist.");
    const current = pick(row);
    // A tax id kept as it was is kept exactly (an older one may predate today's format checks, and must not
    // block an edit of the billing contacts); a new one, or one under a new country, must have its format.
    if (input.taxId.trim() === (row.taxId ?? "") && input.country === row.country) next.taxId = row.taxId;
    const changed = EDITABLE.filter((k) => !same(current[k], next[k]));
    if (changed.length === 0) return { changed };
    if (changed.includes("taxId") || changed.includes("country")) {
      const problem = taxIdProblem(next.country, input.taxId);
      if (problem) throw new AppError("validation", "Check the highlighted fields.", { taxId: [problem] });
    }
    if (row.reverseCharge && (changed.includes("country") || changed.includes("taxId"))) {
      const problem = reverseChargeProblem(await distributorCountry(tx), next.country, next.taxId);
      if (problem) {
        const message = `${problem} Or change the tax rate (reverse charge off) first.`;
        throw new AppError("validation", "Check the highlighted fields.", {
          [changed.includes("taxId") ? "taxId" : "country"]: [message],
        });
      }
    }
    const patch = Object.fromEntries(changed.map((k) => [k, next[k]])) as Partial<Details>;
    await tx
      .update(resellers)
      .set({ ...patch, updatedAt: new Date() })
      .where(eq(resellers.id, row.id));
    await writeAudit(tx, actor, {
      action: "reseller.updated",
      entityType: "reseller",
      entityId: row.id,
      resellerId: row.id,
      data: {
        before: Object.fromEntries(changed.map((k) => [k, current[k]])),
        after: patch,
      },
    });
    return { changed };
  });
}
