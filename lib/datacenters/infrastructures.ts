import "server-only";
import { and, eq, sql } from "drizzle-orm";
import type { Db, DbOrTx } from "@/db/client";
import { acronisDatacenters, acronisInfrastructures } from "@/db/schema";
import { type Actor, writeAudit } from "@/lib/audit";
import { AppError } from "@/lib/errors/app-error";
import { resellersIn } from "./queries";
import { type InfrastructureOwnerInput, type StorageOwner, storageOwnerLabels } from "./schema";

/** An infrastructure as Acronis lists it (`AcronisClient.listInfrastructures()`), classified by owner. */
export type ListedInfrastructure = { id: string; name: string; owner: StorageOwner };

/**
 * Stores a datacenter's infrastructures as the connection test read them: new ones with Acronis's owner,
 * known ones renamed and seen again, keeping an owner staff set by hand (a later import never overrides
 * a correction that decides what is billed).
 */
export async function importInfrastructures(
  db: DbOrTx,
  datacenterId: string,
  listed: ListedInfrastructure[],
): Promise<{ total: number; added: number }> {
  const unique = [...new Map(listed.map((i) => [i.id, i])).values()];
  if (unique.length === 0) return { total: 0, added: 0 };
  const rows = await db
    .insert(acronisInfrastructures)
    .values(unique.map((i) => ({ datacenterId, infraId: i.id, name: i.name, owner: i.owner })))
    .onConflictDoUpdate({
      target: [acronisInfrastructures.datacenterId, acronisInfrastructures.infraId],
      set: {
        name: sql`excluded.name`,
        seenAt: sql`now()`,
        owner: sql`case when ${acronisInfrastructures.ownerSetByStaff} then ${acronisInfrastructures.owner} else excluded.owner end`,
      },
    })
    // xmax = 0 on a row this statement inserted (PostgreSQL's own marker), non-zero on one it updated.
    .returning({ inserted: sql<boolean>`(xmax = 0)` });
  return { total: rows.length, added: rows.filter((r) => r.inserted).length };
}

export type OwnerChange = { name: string; before: StorageOwner; after: StorageOwner; changed: boolean };

/**
 * Staff correct who owns a storage. It decides which SKU its usage is billed on (partner-owned storage is
 * not billed), so the first submit answers with what changes (`fieldErrors.confirm`) and only a confirmed
 * one is saved; the owner is then kept through later imports.
 */
export async function setInfrastructureOwner(
  db: Db,
  actor: Actor,
  input: InfrastructureOwnerInput,
): Promise<OwnerChange> {
  const [row] = await db
    .select({ infra: acronisInfrastructures, datacenter: acronisDatacenters.name })
    .from(acronisInfrastructures)
    .innerJoin(acronisDatacenters, eq(acronisDatacenters.id, acronisInfrastructures.datacenterId))
    .where(
      and(
        eq(acronisInfrastructures.datacenterId, input.datacenterId),
        eq(acronisInfrastructures.infraId, input.infraId),
      ),
    );
  if (!row) throw new AppError("not_found", "This infrastructure is not known: test the datacenter again.");
  const before = row.infra.owner;
  if (before === input.owner) return { name: row.infra.name, before, after: before, changed: false };
  if (!input.confirm) {
    const resellers = await resellersIn(db, input.datacenterId);
    const billed =
      input.owner === "partner"
        ? `Storage on ${row.infra.name} will no longer be billed (partner-owned storage is not Acronis's charge).`
        : before === "partner"
          ? `Storage on ${row.infra.name} will be billed as ${storageOwnerLabels[input.owner]} storage.`
          : `Storage on ${row.infra.name} will be billed on the ${storageOwnerLabels[input.owner]} storage services instead of the ${storageOwnerLabels[before]} ones.`;
    throw new AppError("validation", "Confirm the change.", {
      confirm: [
        billed,
        `From ${storageOwnerLabels[before]} to ${storageOwnerLabels[input.owner]}, in ${row.datacenter}.`,
        `${resellers} reseller${resellers === 1 ? "" : "s"} live${resellers === 1 ? "s" : ""} in this datacenter; usage synced from now on is billed this way.`,
        "Later connection tests keep this owner.",
      ],
    });
  }
  await db.transaction(async (tx) => {
    await tx
      .update(acronisInfrastructures)
      .set({ owner: input.owner, ownerSetByStaff: true })
      .where(
        and(
          eq(acronisInfrastructures.datacenterId, input.datacenterId),
          eq(acronisInfrastructures.infraId, input.infraId),
        ),
      );
    await writeAudit(tx, actor, {
      action: "datacenter.infrastructure_owner_changed",
      entityType: "datacenter",
      entityId: input.datacenterId,
      data: {
        infrastructure: `${row.infra.name} (${row.infra.infraId})`,
        before: { owner: before },
        after: { owner: input.owner },
      },
    });
  });
  return { name: row.infra.name, before, after: input.owner, changed: true };
}
