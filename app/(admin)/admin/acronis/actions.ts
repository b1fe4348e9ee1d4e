"use server";
import { revalidatePath } from "next/cache";
import { after } from "next/server";
import { z } from "zod";
import { isAcronisError } from "@/lib/acronis";
import { createWebAcronisClient } from "@/lib/acronis/web-client";
import { userAction } from "@/lib/actions/safe-action";
import { afterUsageSync } from "@/lib/alerts";
import { AppError } from "@/lib/errors/app-error";
import { log } from "@/lib/log";
import { runUsageSync } from "@/lib/usage";

export const testConnectionAction = userAction("admin:read", z.object({}), async () => {
  try {
    return await createWebAcronisClient().whoAmI();
  } catch (error) {
    // The status and Acronis message help the admin; the credentials never appear in it.
    if (isAcronisError(error))
      throw new AppError("external", `Acronis answered ${error.status ?? error.kind}: ${error.message}`);
    throw new AppError("external", error instanceof Error ? error.message : "The connection failed.");
  }
});

export const syncNowAction = userAction(
  "admin:write",
  z.object({}),
  async (_input, ctx) => {
    // Idempotent upserts keep the day's maximum, so a manual run beside a scheduled one is safe.
    // Then projections and alerts, exactly as after a scheduled sync (lib/usage/scheduler.ts).
    const work = runUsageSync(ctx.db, createWebAcronisClient(), { kind: "manual" })
      .then((result) => (result.status === "failed" ? undefined : afterUsageSync(ctx.db, ctx.today)))
      .catch((err) => log.error({ err }, "[usage] manual sync failed"));
    after(() => work);
    revalidatePath("/admin/acronis");
  },
  { message: "Usage sync started; it appears below when it finishes." },
);
