import type { ClientContext } from "./context";
import { chunk } from "./context";
import { toUsageRow } from "./mappers";
import { UsageBatchSchema } from "./schemas";
import type { AcronisUsageRow } from "./types";

export type UsageQuery = { usageNames?: string[]; editions?: string[] };

/** Current-period usage of many tenants, in calls of at most `usageBatchSize` (≤ 100) tenants. */
export async function getUsages(
  ctx: ClientContext,
  tenantIds: string[],
  query: UsageQuery = {},
): Promise<AcronisUsageRow[]> {
  const rows: AcronisUsageRow[] = [];
  for (const batch of chunk([...new Set(tenantIds)], ctx.usageBatchSize)) {
    const res = await ctx.http.json(
      {
        method: "GET",
        path: "/tenants/usages",
        query: { tenants: batch, usage_names: query.usageNames, editions: query.editions },
      },
      UsageBatchSchema,
    );
    for (const item of res.items) rows.push(...item.usages.map((u) => toUsageRow(item.tenant, u)));
  }
  return rows;
}
