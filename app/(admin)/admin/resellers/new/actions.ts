"use server";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { webAcronisDirectory } from "@/lib/acronis/datacenters";
import { userAction } from "@/lib/actions/safe-action";
import { appOrigin } from "@/lib/http/origin";
import { createReseller, createResellerSchema } from "@/lib/resellers";

export const createResellerAction = userAction("admin:write", createResellerSchema, async (input, ctx) => {
  const created = await createReseller(ctx.db, ctx.audit, input, {
    checkAcronisLogin: async (login, datacenterId) =>
      (await webAcronisDirectory(ctx.db).client(datacenterId)).checkLogin(login),
    appUrl: appOrigin(),
    today: ctx.today,
  });
  revalidatePath("/admin/resellers", "layout");
  redirect(`/admin/resellers/${created.resellerId}?created=1`);
});
