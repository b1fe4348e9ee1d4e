import "server-only";
import { eq, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { acronisInfrastructures, skus } from "@/db/schema";
import type { AcronisClient } from "@/lib/acronis";
import { isAcronisError } from "@/lib/acronis";
import type { AcronisInfraOwner, AcronisInfrastructure } from "@/lib/acronis/types";

/**
 * Which SKU bills a usage or report row (domain.md §4, issue 14), as data: the SKU whose Acronis name
 * (`coalesce(acronis_name, code)`) is the row's offering item and whose `storage_owner` is the owner of the
 * row's storage infrastructure in `acronis_infrastructures` for that datacenter. Used by usage sync, month
 * close and reconciliation, so all three bill a row the same way.
 */

export type SkuRef = { id: string; code: string; aggregation: "peak" | "last" };
export type UsageRowRef = { name: string; infraId: string | null };

export type SkuResolution =
  | { status: "billed"; sku: SkuRef }
  /** Storage a partner owns: not Acronis's charge, so not ours (no SKU may bill it). */
  | { status: "not_billed"; note: string }
  /** The row's infrastructure is not classified for this datacenter, even after asking Acronis. */
  | { status: "unknown_infra"; infraId: string; note: string }
  /** A known offering item on storage no SKU bills (e.g. no hyperscaler SKU for it yet): revenue at risk. */
  | { status: "no_sku"; note: string }
  /** An offering item Tierline sells no SKU for (features, local storage…): ignored as before. */
  | { status: "unknown_name"; note: string };

export const PARTNER_STORAGE_NOTE = "not billed: partner-owned storage";

type SkuRow = SkuRef & { acronisName: string; storageOwner: AcronisInfraOwner | null };

/** Every SKU by its Acronis name, then by storage owner ("" = none). Inactive SKUs keep billing as before. */
export async function loadSkusByAcronisName(db: DbOrTx): Promise<Map<string, Map<string, SkuRef>>> {
  const rows: SkuRow[] = await db
    .select({
      id: skus.id,
      code: skus.code,
      aggregation: skus.aggregation,
      acronisName: sql<string>`coalesce(${skus.acronisName}, ${skus.code})`,
      storageOwner: skus.storageOwner,
    })
    .from(skus);
  const byName = new Map<string, Map<string, SkuRef>>();
  for (const r of rows) {
    const owners = byName.get(r.acronisName) ?? new Map<string, SkuRef>();
    owners.set(r.storageOwner ?? "", { id: r.id, code: r.code, aggregation: r.aggregation });
    byName.set(r.acronisName, owners);
  }
  return byName;
}

/** The stored owner of each infrastructure of one datacenter. */
export async function loadInfrastructureOwners(
  db: DbOrTx,
  datacenterId: string,
): Promise<Map<string, AcronisInfraOwner>> {
  const rows = await db
    .select({ infraId: acronisInfrastructures.infraId, owner: acronisInfrastructures.owner })
    .from(acronisInfrastructures)
    .where(eq(acronisInfrastructures.datacenterId, datacenterId));
  return new Map(rows.map((r) => [r.infraId, r.owner]));
}

/**
 * Reads a datacenter's storage infrastructures from Acronis into `acronis_infrastructures`: the ones the
 * API client's tenant works with, plus `ids` it did not list (e.g. storage a reseller registered itself),
 * read one by one so an id Acronis does not know is skipped. An owner set by staff is kept; names and
 * `seen_at` are refreshed. Returns the infrastructures written.
 */
export async function refreshInfrastructures(
  db: DbOrTx,
  datacenterId: string,
  acronis: Pick<AcronisClient, "listInfrastructures" | "getInfrastructures">,
  options: { ids?: Iterable<string>; now?: Date } = {},
): Promise<AcronisInfrastructure[]> {
  const found = new Map((await acronis.listInfrastructures()).map((i) => [i.id, i]));
  for (const id of new Set(options.ids ?? [])) {
    if (found.has(id)) continue;
    try {
      for (const infra of await acronis.getInfrastructures([id])) found.set(infra.id, infra);
    } catch (error) {
      if (!(isAcronisError(error) && error.status === 404)) throw error;
    }
  }
  if (found.size === 0) return [];
  const now = options.now ?? new Date();
  await db
    .insert(acronisInfrastructures)
    .values(
      [...found.values()].map((i) => ({
        datacenterId,
        infraId: i.id,
        name: i.name,
        owner: i.owner,
        seenAt: now,
      })),
    )
    .onConflictDoUpdate({
      target: [acronisInfrastructures.datacenterId, acronisInfrastructures.infraId],
      set: {
        name: sql`excluded.name`,
        seenAt: sql`excluded.seen_at`,
        owner: sql`case when ${acronisInfrastructures.ownerSetByStaff} then ${acronisInfrastructures.owner} else excluded.owner end`,
      },
    });
  return [...found.values()];
}

export type SkuResolver = {
  readonly datacenterId: string;
  /**
   * Makes sure every infrastructure in `infraIds` is classified: ids not in the table make the resolver
   * refresh it from Acronis, at most once in its life (one sync or month close). Call before `resolve`.
   */
  prepare(infraIds: Iterable<string | null>): Promise<void>;
  /** The SKU that bills the row, or why none does. */
  resolve(row: UsageRowRef): SkuResolution;
  /** Whether this resolver asked Acronis for the infrastructures. */
  readonly refreshed: boolean;
  /** Why asking Acronis for the infrastructures failed, if it did. */
  readonly refreshError: string | null;
};

/**
 * A resolver for one datacenter. Without `acronis` unknown infrastructures stay unknown (e.g. replaying a
 * stored report offline). `skusByName` lets a run share one SKU load across its datacenters.
 */
export async function createSkuResolver(
  db: DbOrTx,
  options: {
    datacenterId: string;
    acronis?: Pick<AcronisClient, "listInfrastructures" | "getInfrastructures">;
    skusByName?: Map<string, Map<string, SkuRef>>;
    now?: Date;
  },
): Promise<SkuResolver> {
  const { datacenterId } = options;
  const [byName, owners] = await Promise.all([
    options.skusByName ?? loadSkusByAcronisName(db),
    loadInfrastructureOwners(db, datacenterId),
  ]);
  const { acronis } = options;
  // Batches of one run prepare concurrently: they all wait for the one refresh.
  let refresh: Promise<void> | null = null;
  let refreshError: string | null = null;
  return {
    datacenterId,
    get refreshed() {
      return refresh !== null;
    },
    async prepare(infraIds) {
      const unknown = new Set<string>();
      for (const id of infraIds) if (id && !owners.has(id)) unknown.add(id);
      if (unknown.size === 0 || !acronis) return;
      // A failed refresh leaves those rows unknown (reported by the caller), never the known ones unbilled.
      refresh ??= (async () => {
        try {
          await refreshInfrastructures(db, datacenterId, acronis, { ids: unknown, now: options.now });
          for (const [id, owner] of await loadInfrastructureOwners(db, datacenterId)) owners.set(id, owner);
        } catch (error) {
          refreshError = error instanceof Error ? error.message : String(error);
        }
      })();
      await refresh;
    },
    get refreshError() {
      return refreshError;
    },
    resolve(row) {
      return resolveSku(byName, owners, row);
    },
  };
}

/** The matching rule itself (pure), for a name → owner → SKU table and the infrastructures' owners. */
export function resolveSku(
  byName: ReadonlyMap<string, ReadonlyMap<string, SkuRef>>,
  owners: ReadonlyMap<string, AcronisInfraOwner>,
  row: UsageRowRef,
): SkuResolution {
  const candidates = byName.get(row.name);
  if (!candidates) return { status: "unknown_name", note: `no SKU bills '${row.name}'` };
  if (!row.infraId) {
    // A row without storage is the SKU without an owner, or (as before infrastructures were data) the
    // Acronis-hosted one.
    const sku = candidates.get("") ?? candidates.get("acronis");
    if (sku) return { status: "billed", sku };
    return {
      status: "no_sku",
      note: `'${row.name}' arrived without an infrastructure and every SKU for it names one`,
    };
  }
  const owner = owners.get(row.infraId);
  if (!owner) {
    return {
      status: "unknown_infra",
      infraId: row.infraId,
      note: `unknown storage infrastructure ${row.infraId}: '${row.name}' not billed until it is classified`,
    };
  }
  if (owner === "partner") return { status: "not_billed", note: PARTNER_STORAGE_NOTE };
  const sku = candidates.get(owner) ?? (owner === "acronis" ? candidates.get("") : undefined);
  if (sku) return { status: "billed", sku };
  return {
    status: "no_sku",
    note: `no SKU bills '${row.name}' on ${owner === "hyperscaler" ? "hyperscaler" : "Acronis-hosted"} storage (infrastructure ${row.infraId})`,
  };
}
