import "server-only";
import { eq } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/client";
import { type Sku, skus } from "@/db/schema";
import { type Actor, writeAudit } from "@/lib/audit";
import { dec } from "@/lib/billing";
import { AppError } from "@/lib/errors/app-error";
import { singleLine } from "@/lib/validation/text";
import { explainRefusal } from "./db-refusal";
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
  /**
   * The Acronis offering item whose usage this service bills when it is not the code (e.g. a hyperscaler
   * storage service bills `pw_base_storage` rows on hyperscaler storage). Empty: the code. Absent: unchanged.
   */
  acronisName: z
    .string()
    .trim()
    .max(100, "At most 100 characters.")
    .regex(
      /^([a-z0-9][a-z0-9_]*)?$/,
      "Use an Acronis offering-item name (lower-case letters, digits and _, like pw_base_storage), or leave it empty.",
    )
    .optional()
    .transform((v) => (v === undefined ? undefined : v === "" ? null : v)),
  /**
   * Whose storage this service bills (domain.md §4): Acronis-hosted, a hyperscaler's, or "" for a service
   * that is not storage. Partner-owned storage is never billed, so it is not a choice. Absent: unchanged.
   */
  storageOwner: z
    .enum(["", "acronis", "hyperscaler"], { error: "Choose whose storage this service bills." })
    .optional()
    .transform((v) => (v === undefined ? undefined : v === "" ? null : v)),
  /** Set by the confirm step: a new aggregation or divisor changes what resellers pay. */
  confirmBillingChange: z
    .string()
    .optional()
    .transform((v) => v === "yes"),
});
export type SkuInput = z.infer<typeof skuSchema>;

export const BILLING_CHANGE_MESSAGE =
  "A new aggregation, divisor, Acronis name or storage owner changes the billable quantity, so what resellers pay from the next invoice on (drafts and previews included; issued invoices never change). Confirm to save it.";

/** Whether saving `input` over `sku` changes how usage becomes billable quantities (or which usage it bills). */
export function changesBilling(
  sku: Pick<Sku, "aggregation" | "divisor" | "acronisName" | "storageOwner">,
  input: Pick<SkuInput, "aggregation" | "divisor" | "acronisName" | "storageOwner">,
) {
  return (
    sku.aggregation !== input.aggregation ||
    !dec(sku.divisor).equals(dec(input.divisor)) ||
    (input.acronisName !== undefined && input.acronisName !== sku.acronisName) ||
    (input.storageOwner !== undefined && input.storageOwner !== sku.storageOwner)
  );
}

/** The unique (Acronis name, storage owner) index of migration 0009, as the admin reads it. */
const ONE_SKU_PER_USAGE = new AppError(
  "conflict",
  "Another service already bills this Acronis offering item on this storage: each usage row must map to one service.",
  {
    acronisName: ["Another service already bills this offering item on this storage."],
  },
);

export async function updateSku(
  db: Db,
  input: SkuInput,
  actor: Actor,
): Promise<{ sku: Sku; changed: string[] }> {
  return db.transaction(async (tx) => {
    const [before] = await tx.select().from(skus).where(eq(skus.id, input.id)).for("update");
    if (!before) throw new AppError("not_found", "This service does not exist.");
    // The code itself is no Acronis name to repeat: stored as null, so the default keeps following it.
    const acronisName = input.acronisName === before.code ? null : input.acronisName;
    if (changesBilling(before, { ...input, acronisName }) && !input.confirmBillingChange) {
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
      acronisName: acronisName === undefined ? before.acronisName : acronisName,
      storageOwner: input.storageOwner === undefined ? before.storageOwner : input.storageOwner,
    };
    const diff = changedFields(before, next);
    const [sku] = await tx
      .update(skus)
      .set(next)
      .where(eq(skus.id, before.id))
      .returning()
      .catch((error: unknown) => {
        throw explainRefusal(error, { skus_acronis_name_owner_key: ONE_SKU_PER_USAGE });
      });
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
