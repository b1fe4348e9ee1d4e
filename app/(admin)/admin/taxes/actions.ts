"use server";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { userAction } from "@/lib/actions/safe-action";
import { deleteTaxRate, deleteTaxRateSchema, saveTaxRate, taxRateSchema } from "@/lib/taxes";

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
