import "server-only";
import { eq } from "drizzle-orm";
import { cache } from "react";
import { type DbOrTx, getDb } from "@/db/client";
import { type DistributorSettings, distributorSettings } from "@/db/schema";

export type { DistributorSettings };

/** The distributor settings row (there is one, id 1), or null on a database not seeded yet. */
export async function loadSettings(db: DbOrTx): Promise<DistributorSettings | null> {
  const [row] = await db.select().from(distributorSettings).where(eq(distributorSettings.id, 1)).limit(1);
  return row ?? null;
}

/** The settings row read once per request (React `cache`), shared by the page, its layout and ctx. */
export const currentSettings = cache(async (): Promise<DistributorSettings | null> => loadSettings(getDb()));
