"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { userAction } from "@/lib/actions/safe-action";
import { unlockAccount } from "@/lib/auth/unlock";

export const unlockAction = userAction(
  "admin:write",
  z.object({ email: z.string().trim().toLowerCase().email("Not an email address.") }),
  async ({ email }, ctx) => {
    await unlockAccount(ctx.db, email, ctx.audit);
    revalidatePath("/admin/security");
  },
  { message: "Unlocked: the account can sign in again." },
);
