import "server-only";
import { notFound } from "next/navigation";
import type { Db } from "@/db/client";
import { idParam } from "@/lib/dashboard/schemas";
import { requireReseller } from "@/lib/dashboard/scope";
import { isAppError } from "@/lib/errors/app-error";

/** The reseller a back-office usage page names, or the 404 page for a malformed or unknown id. */
export async function resellerOrNotFound(db: Db, resellerId: string) {
  if (!idParam.safeParse(resellerId).success) notFound();
  return requireReseller(db, resellerId).catch((error) => {
    if (isAppError(error) && error.code === "not_found") notFound();
    throw error;
  });
}
