"use server";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { userAction } from "@/lib/actions/safe-action";
import { createTier, createTierSchema } from "@/lib/catalogue/admin/create-tier";
import { skuSchema, updateSku } from "@/lib/catalogue/admin/skus";
import { tierSchema, updateTier } from "@/lib/catalogue/admin/tiers";
import { saveUpgradePaths, upgradePathsSchema } from "@/lib/catalogue/admin/upgrade-paths";
import { storefrontChanged } from "@/lib/catalogue/storefront-cache";

/** After a committed catalogue change: the storefront's cache and the catalogue pages are rebuilt. */
function catalogueChanged() {
  storefrontChanged();
  revalidatePath("/admin/catalogue", "layout");
}

export const saveTierAction = userAction(
  "admin:write",
  tierSchema,
  async (input, ctx) => {
    const result = await updateTier(ctx.db, input, ctx.audit, { today: ctx.today, now: ctx.now });
    catalogueChanged();
    return { changed: result.changed.length };
  },
  { message: (r) => (r.changed === 0 ? "Nothing changed." : "Tier saved. The storefront shows it now.") },
);

export const createTierAction = userAction("admin:write", createTierSchema, async (input, ctx) => {
  const { tier } = await createTier(ctx.db, input, ctx.audit, { today: ctx.today });
  catalogueChanged();
  redirect(`/admin/catalogue/tiers/${tier.id}?created=1`);
});

export const saveUpgradePathsAction = userAction(
  "admin:write",
  upgradePathsSchema,
  async (input, ctx) => {
    const change = await saveUpgradePaths(ctx.db, input, ctx.audit);
    catalogueChanged();
    return change;
  },
  {
    message: (c) =>
      c.added.length + c.removed.length === 0
        ? "Nothing changed."
        : `Upgrade paths saved: ${c.added.length} added, ${c.removed.length} removed.`,
  },
);

export const saveSkuAction = userAction(
  "admin:write",
  skuSchema,
  async (input, ctx) => {
    const result = await updateSku(ctx.db, input, ctx.audit);
    catalogueChanged();
    return { changed: result.changed.length };
  },
  { message: (r) => (r.changed === 0 ? "Nothing changed." : "Service saved.") },
);
