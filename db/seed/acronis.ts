import "server-only";
import { eq } from "drizzle-orm";
import { AZURE_INFRA_ID } from "@/lib/acronis-sim/catalogue";
import type { Db } from "../client";
import * as s from "../schema";
import { demoResellers, placementParent } from "./demo";

type SimControl = (method: string, path: string, body?: unknown) => Promise<unknown>;
type SimTenant = { id: string; internal_tag?: string | null; name: string; kind: string };

/**
 * Gives the demo resellers real tenants in the built-in Acronis simulator: a partner tenant per reseller
 * (tagged like provisioning would tag it) and a customer tenant per demo customer, with usage history from
 * the reseller's paid start. Placed customers (demo.ts) go into their folder or under their sub-partner; a
 * trial customer is created this month in trial; hyperscaler storage is usage on the simulator's hyperscaler
 * infrastructure. Only used with the simulator, never against a real datacenter.
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
  const tenant = async (tag: string, body: Record<string, unknown>) => {
    let t = byTag.get(tag);
    if (!t) {
      t = (await sim.control("POST", "/tenants", { ...body, internal_tag: tag })) as SimTenant;
      byTag.set(tag, t);
    }
    return t;
  };
  for (const { reseller, paidStart } of demo) {
    if (!reseller.internalTag.startsWith("demo-")) continue;
    const plan = demoResellers.find((r) => r.tag === reseller.internalTag);
    const partner = await tenant(reseller.internalTag, {
      parent_id: sim.rootTenantId,
      name: reseller.name,
      kind: "partner",
    });
    await db.update(s.resellers).set({ acronisTenantId: partner.id }).where(eq(s.resellers.id, reseller.id));
    const customers = await db.select().from(s.customers).where(eq(s.customers.resellerId, reseller.id));
    for (const c of customers) {
      const placement = plan?.placements?.[c.name];
      const parent = placementParent(placement);
      const parentTenant = parent
        ? await tenant(`${reseller.internalTag}:${parent.kind}:${parent.name}`, {
            parent_id: partner.id,
            name: parent.name,
            kind: parent.kind,
          })
        : partner;
      // A trial starts this month (the first of the month the seed stamped on the customer); the others
      // exist, in production, since the reseller's paid start, so their history is production usage.
      const trialSince = placement?.trial ? c.firstSeenAt.toISOString().slice(0, 10) : null;
      const since = trialSince ?? paidStart;
      const customer = await tenant(`${reseller.internalTag}:${c.name}`, {
        parent_id: parentTenant.id,
        name: c.name,
        kind: "customer",
        ...(since ? { usage_since: since, created_at: `${since}T00:00:00Z` } : {}),
        ...(trialSince ? { pricing_mode: "trial" } : {}),
      });
      await db.update(s.customers).set({ acronisTenantId: customer.id }).where(eq(s.customers.id, c.id));
      const gb = placement?.hyperscalerStorageGb;
      if (gb) {
        await sim.control("POST", "/usage", {
          tenant_id: customer.id,
          usage_name: "pw_base_storage",
          infra_id: AZURE_INFRA_ID,
          from: paidStart ?? undefined,
          value: gb * 2 ** 30,
        });
      }
    }
  }
}
