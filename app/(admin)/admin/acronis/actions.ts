"use server";
import { revalidatePath } from "next/cache";
import { after } from "next/server";
import { z } from "zod";
import { getDb } from "@/db/client";
import { isAcronisError } from "@/lib/acronis";
import { createWebAcronisClient } from "@/lib/acronis/web-client";
import { type ActionState, userAction } from "@/lib/actions/safe-action";
import { AppError } from "@/lib/errors/app-error";
import { log } from "@/lib/log";
import { runUsageSync } from "@/lib/usage";

const client = createWebAcronisClient;

const test = userAction("admin:read", z.object({}), async () => {
  try {
    return await client().whoAmI();
  } catch (error) {
    // The status and Acronis message help the admin; the credentials never appear in it.
    if (isAcronisError(error))
      throw new AppError("external", `Acronis answered ${error.status ?? error.kind}: ${error.message}`);
    throw new AppError("external", error instanceof Error ? error.message : "The connection failed.");
  }
});

export async function testConnectionAction(prev: ActionState | undefined, form: FormData) {
  return test(prev, form);
}

const sync = userAction("admin:write", z.object({}), async () => {
  // Idempotent upserts keep the day's maximum, so a manual run beside a scheduled one is safe.
  const work = runUsageSync(getDb(), client(), { kind: "manual" }).catch((err) =>
    log.error({ err }, "[usage] manual sync failed"),
  );
  after(() => work);
  revalidatePath("/admin/acronis");
});

export async function syncNowAction(prev: ActionState | undefined, form: FormData): Promise<ActionState> {
  const result = await sync(prev, form);
  return result.ok ? { ok: true, message: "Usage sync started; it appears below when it finishes." } : result;
}
