import "server-only";
import { eq } from "drizzle-orm";
import type { Db } from "../client";
import * as s from "../schema";

type SimControl = (method: string, path: string, body?: unknown) => Promise<unknown>;
type SimTenant = { id: string; internal_tag?: string | null; name: string; kind: string };

/**
 * Gives the demo resellers real tenants in the built-in Acronis simulator: a partner tenant per reseller
 * (tagged like provisioning would tag it) and a customer tenant per demo customer, with usage history from
 * the reseller's paid start. Only used with the simulator, never against a real datacenter.
 */
export async function attachDemoResellersToSimulator(
  db: Db,
  sim: { rootTenantId: string; control: SimControl },
): Promise<void> {
  const state = (await sim.control("GET", "/state")) as { tenants: SimTenant[] };
  const byTag = new Map(state.tenants.filter((t) => t.internal_tag).map((t) => [t.internal_tag!, t]));
  const demo = await db
    .select({ reseller: s.resellers, paidStart: s.contracts.paidStart })
    .from(s.resellers)
    .innerJoin(s.contracts, eq(s.contracts.resellerId, s.resellers.id));
  for (const { reseller, paidStart } of demo) {
    if (!reseller.internalTag.startsWith("demo-")) continue;
    let partner = byTag.get(reseller.internalTag);
    if (!partner) {
      partner = (await sim.control("POST", "/tenants", {
        parent_id: sim.rootTenantId,
        name: reseller.name,
        kind: "partner",
        internal_tag: reseller.internalTag,
      })) as SimTenant;
    }
    await db.update(s.resellers).set({ acronisTenantId: partner.id }).where(eq(s.resellers.id, reseller.id));
    const customers = await db.select().from(s.customers).where(eq(s.customers.resellerId, reseller.id));
    for (const c of customers) {
      const tag = `${reseller.internalTag}:${c.name}`;
      let tenant = byTag.get(tag);
      if (!tenant) {
        tenant = (await sim.control("POST", "/tenants", {
          parent_id: partner.id,
          name: c.name,
          kind: "customer",
          internal_tag: tag,
          usage_since: paidStart ?? undefined,
        })) as SimTenant;
      }
      await db.update(s.customers).set({ acronisTenantId: tenant.id }).where(eq(s.customers.id, c.id));
    }
  }
}
