import "server-only";
import { eq } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/client";
import { type Sku, skus } from "@/db/schema";
import { type Actor, writeAudit } from "@/lib/audit";
import { dec } from "@/lib/billing";
import { AppError } from "@/lib/errors/app-error";
import { singleLine } from "@/lib/validation/text";
import { checkbox, decimal, displayName, wholeNumber } from "./fields";
import { changedFields } from "./tiers";

/** A service's catalogue data (domain.md §2.3); its Acronis code and unit are Acronis's, never edited. */
export const skuSchema = z.object({
  id: z.uuid({ error: "Unknown service." }),
  name: displayName("service"),
  unit: singleLine({ max: 20, requiredMessage: "Enter the unit shown, like workload or GB." }),
  aggregation: z.enum(["peak", "last"], { error: "Choose how a month's daily values are counted." }),
  divisor: decimal("the divisor", { positive: true }),
  storefront: checkbox,
  active: checkbox,
  isMain: checkbox,
  sortOrder: wholeNumber("the display order", 0, 10000),
  /** Set by the confirm step: a new aggregation or divisor changes what resellers pay. */
  confirmBillingChange: z
    .string()
    .optional()
    .transform((v) => v === "yes"),
});
export type SkuInput = z.infer<typeof skuSchema>;

export const BILLING_CHANGE_MESSAGE =
  "A new aggregation or divisor changes the billable quantity, so what resellers pay from the next invoice on (drafts and previews included; issued invoices never change). Confirm to save it.";

/** Whether saving `input` over `sku` changes how usage becomes billable quantities. */
export function changesBilling(
  sku: Pick<Sku, "aggregation" | "divisor">,
  input: Pick<SkuInput, "aggregation" | "divisor">,
) {
  return sku.aggregation !== input.aggregation || !dec(sku.divisor).equals(dec(input.divisor));
}

export async function updateSku(
  db: Db,
  input: SkuInput,
  actor: Actor,
): Promise<{ sku: Sku; changed: string[] }> {
  return db.transaction(async (tx) => {
    const [before] = await tx.select().from(skus).where(eq(skus.id, input.id)).for("update");
    if (!before) throw new AppError("not_found", "This service does not exist.");
    if (changesBilling(before, input) && !input.confirmBillingChange) {
      throw new AppError("validation", BILLING_CHANGE_MESSAGE, {
        confirmBillingChange: [BILLING_CHANGE_MESSAGE],
      });
    }
    const next = {
      name: input.name,
      unit: input.unit,
      aggregation: input.aggregation,
      // Stored as numeric(24,4): compare and keep its canonical text so an unchanged divisor is no change.
      divisor: dec(input.divisor).equals(dec(before.divisor))
        ? before.divisor
        : dec(input.divisor).toFixed(4),
      storefront: input.storefront,
      active: input.active,
      isMain: input.isMain,
      sortOrder: input.sortOrder,
    };
    const diff = changedFields(before, next);
    const [sku] = await tx.update(skus).set(next).where(eq(skus.id, before.id)).returning();
    const changed = Object.keys(diff.after);
    if (changed.length > 0) {
      await writeAudit(tx, actor, {
        action: "catalogue.sku_updated",
        entityType: "sku",
        entityId: before.id,
        data: { code: before.code, ...diff },
      });
    }
    return { sku: sku!, changed };
  });
}
