"use server";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { userAction } from "@/lib/actions/safe-action";
import {
  changeResellerTaxRate,
  deleteTaxRate,
  deleteTaxRateSchema,
  resellerTaxRateSchema,
  saveTaxRate,
  taxRateSchema,
} from "@/lib/taxes";

// The table sets new resellers' defaults only; no storefront page shows it, so only this page is rebuilt.

export const saveTaxRateAction = userAction("finance:write", taxRateSchema, async (input, ctx) => {
  await saveTaxRate(ctx.db, ctx.audit, input);
  revalidatePath("/admin/taxes");
  redirect(`/admin/taxes?saved=${input.country}`);
});

export const deleteTaxRateAction = userAction("finance:write", deleteTaxRateSchema, async (input, ctx) => {
  await deleteTaxRate(ctx.db, ctx.audit, input.country);
  revalidatePath("/admin/taxes");
  redirect(`/admin/taxes?deleted=${input.country}`);
});

/**
 * A reseller's own rate, changed with a reason (rendered on the reseller page by
 * components/admin/taxes/reseller-tax-rate-form.tsx). Drafts written afterwards use it.
 */
export const changeResellerTaxRateAction = userAction(
  "finance:write",
  resellerTaxRateSchema,
  async (input, ctx) => {
    const change = await changeResellerTaxRate(ctx.db, ctx.audit, input);
    revalidatePath(`/admin/resellers/${input.resellerId}`);
    revalidatePath("/admin/taxes");
    return change.after;
  },
  {
    message: (after) =>
      `Tax rate changed to ${after.ratePercent} %${after.reverseCharge ? " with reverse charge" : ""}. The next invoice drafted uses it; issued invoices keep theirs.`,
  },
);
