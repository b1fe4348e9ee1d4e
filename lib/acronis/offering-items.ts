import type { ClientContext } from "./context";
import { withFreshVersion } from "./context";
import { AcronisError } from "./errors";
import { toOfferingItem } from "./mappers";
import { OfferingItemListSchema } from "./schemas";
import type { AcronisOfferingItem, AcronisTenantKind, OfferingItemChange } from "./types";

const itemsPath = (id: string) => `/tenants/${encodeURIComponent(id)}/offering_items`;

/** A tenant's offering items. `edition` defaults to `*`: Acronis' own default hides per-workload items. */
export async function listOfferingItems(
  ctx: ClientContext,
  tenantId: string,
  edition = "*",
): Promise<AcronisOfferingItem[]> {
  const res = await ctx.http.json(
    { method: "GET", path: itemsPath(tenantId), query: { edition } },
    OfferingItemListSchema,
  );
  return res.items.map(toOfferingItem);
}

/** What the parent can hand to a (hypothetical) child of `kind`. */
export async function listAvailableOfferingItemsForChild(
  ctx: ClientContext,
  parentId: string,
  kind: AcronisTenantKind,
  edition = "*",
): Promise<AcronisOfferingItem[]> {
  const res = await ctx.http.json(
    { method: "GET", path: `${itemsPath(parentId)}/available_for_child`, query: { kind, edition } },
    OfferingItemListSchema,
  );
  return res.items.map(toOfferingItem);
}

function resolveInfraId(change: OfferingItemChange, current: AcronisOfferingItem[]): string | null {
  if (change.infraId !== undefined) return change.infraId;
  const infraIds = [
    ...new Set(current.filter((i) => i.name === change.name && i.infraId).map((i) => i.infraId)),
  ];
  if (infraIds.length > 1) {
    throw new AcronisError({
      kind: "validation",
      message: `Offering item '${change.name}' exists on several infrastructures; pass infraId`,
    });
  }
  return infraIds[0] ?? null;
}

/**
 * Partial update of a tenant's offering items. Quota writes need the current quota version; on a
 * stale one (426, or 409) the items are read again and the write is retried.
 */
export function setOfferingItems(
  ctx: ClientContext,
  tenantId: string,
  changes: OfferingItemChange[],
): Promise<AcronisOfferingItem[]> {
  return withFreshVersion(
    ctx,
    () => listOfferingItems(ctx, tenantId),
    async (current) => {
      const offering_items = changes.map((change) => {
        const infraId = resolveInfraId(change, current);
        const existing = current.find((i) => i.name === change.name && (i.infraId ?? null) === infraId);
        const item: Record<string, unknown> = { application_id: change.applicationId, name: change.name };
        if (infraId) item.infra_id = infraId;
        if (change.enabled !== undefined) item.status = change.enabled ? 1 : 0;
        if (change.quota) item.quota = { ...change.quota, version: existing?.quota?.version ?? 0 };
        return item;
      });
      const res = await ctx.http.json(
        { method: "PUT", path: itemsPath(tenantId), json: { offering_items } },
        OfferingItemListSchema,
      );
      return res.items.map(toOfferingItem);
    },
  );
}
