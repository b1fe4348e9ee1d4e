import "server-only";
import { sql } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/client";
import { tiers, upgradePaths } from "@/db/schema";
import { type Actor, writeAudit } from "@/lib/audit";
import { PROMO_CODE } from "@/lib/contracts/tier-targets";
import { AppError } from "@/lib/errors/app-error";
import { pathKey } from "./queries";

const UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";
const PATH = new RegExp(`^${UUID}>${UUID}$`, "i");

/** `from>to` tier ids, comma-separated: the whole matrix as one form field. */
const pathList = z
  .string()
  .default("")
  .transform((v) => [
    ...new Set(
      v
        .split(",")
        .map((p) => p.trim().toLowerCase())
        .filter(Boolean),
    ),
  ])
  .refine((list) => list.every((p) => PATH.test(p)), "The matrix could not be read; reload the page.");

export const upgradePathsSchema = z.object({
  paths: pathList,
  /** The paths the page showed: a save over someone else's newer matrix is refused, not merged. */
  expected: pathList,
});
export type UpgradePathsInput = z.infer<typeof upgradePathsSchema>;

export const PROMO_PATH_REFUSED =
  "A path into Promo is never allowed: nothing downgrades to Promo, and it is the lowest paid plan.";

export type PathChange = { added: string[]; removed: string[] };

/**
 * Replaces the whole upgrade-path matrix in one transaction (domain.md §2.1): paths are data, but never a
 * tier to itself and never into Promo. The audit entry lists the paths before and after.
 */
export async function saveUpgradePaths(db: Db, input: UpgradePathsInput, actor: Actor): Promise<PathChange> {
  return db.transaction(async (tx) => {
    // One matrix save at a time: the comparison with `expected` below holds until commit.
    await tx.execute(sql`lock table ${upgradePaths} in share row exclusive mode`);
    const tierRows = await tx.select().from(tiers);
    const byId = new Map(tierRows.map((t) => [t.id, t]));
    const label = (key: string) => {
      const [from, to] = key.split(">");
      return `${byId.get(from ?? "")?.code ?? from} → ${byId.get(to ?? "")?.code ?? to}`;
    };
    const wanted = input.paths.map((key) => {
      const [fromId = "", toId = ""] = key.split(">");
      const from = byId.get(fromId);
      const to = byId.get(toId);
      if (!from || !to)
        throw new AppError("conflict", "A tier in the matrix no longer exists; reload the page.");
      if (from.id === to.id) throw new AppError("validation", `${from.name} cannot be a path to itself.`);
      if (to.code === PROMO_CODE)
        throw new AppError("validation", `${from.name} → ${to.name}: ${PROMO_PATH_REFUSED}`);
      return { fromTierId: from.id, toTierId: to.id };
    });
    const before = (await tx.select().from(upgradePaths)).map((p) => pathKey(p.fromTierId, p.toTierId));
    const beforeSet = new Set(before);
    const expected = new Set(input.expected);
    if (before.length !== expected.size || before.some((k) => !expected.has(k))) {
      throw new AppError(
        "conflict",
        "Someone changed the upgrade paths since this page was opened; reload it and make your change again.",
      );
    }
    const after = new Set(wanted.map((p) => pathKey(p.fromTierId, p.toTierId)));
    const change: PathChange = {
      added: [...after]
        .filter((k) => !beforeSet.has(k))
        .map(label)
        .sort(),
      removed: before
        .filter((k) => !after.has(k))
        .map(label)
        .sort(),
    };
    if (change.added.length === 0 && change.removed.length === 0) return change;
    await tx.delete(upgradePaths);
    if (wanted.length > 0) await tx.insert(upgradePaths).values(wanted);
    await writeAudit(tx, actor, {
      action: "catalogue.upgrade_paths_saved",
      entityType: "upgrade_paths",
      data: {
        before: before.map(label).sort(),
        after: [...after].map(label).sort(),
        ...change,
      },
    });
    return change;
  });
}
