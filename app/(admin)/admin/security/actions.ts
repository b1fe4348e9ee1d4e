"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { userAction } from "@/lib/actions/safe-action";
import { accountEmailSchema } from "@/lib/auth/account-email";
import { unlockAccount } from "@/lib/auth/unlock";

export const unlockAction = userAction(
  "admin:write",
  z.object({ email: accountEmailSchema }),
  async ({ email }, ctx) => {
    await unlockAccount(ctx.db, email, ctx.audit);
    revalidatePath("/admin/security");
  },
  { message: "Unlocked: the account can sign in again." },
);
