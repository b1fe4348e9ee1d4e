"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { getDb } from "@/db/client";
import { type ActionState, userAction } from "@/lib/actions/safe-action";
import { unlockAccount } from "@/lib/auth/unlock";

const unlock = userAction(
  "admin:write",
  z.object({ email: z.string().trim().toLowerCase().email("Not an email address.") }),
  async ({ email }, user) => {
    await unlockAccount(getDb(), email, { userId: user.id, label: user.email });
    revalidatePath("/admin/security");
  },
  { message: "Unlocked: the account can sign in again." },
);

export async function unlockAction(prev: ActionState | undefined, form: FormData): Promise<ActionState> {
  return unlock(prev, form);
}
