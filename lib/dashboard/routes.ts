import "server-only";
import { z } from "zod";
import { requireResellerScope, type UserContext } from "@/lib/actions/context";
import { userRoute } from "@/lib/api/route";
import type { Permission } from "@/lib/auth/permissions";
import { dailySeries } from "./daily";
import { customerUsage, monthlyHistory } from "./history";
import { usageSummary } from "./month";
import { dailyQuerySchema, idParam, monthParam, usageFiltersSchema } from "./schemas";
import { requireReseller } from "./scope";

/**
 * The usage dashboard's route handlers, built once for both audiences: the portal reads the caller's own
 * reseller (scope from the session, never from the request), the back office a reseller named in the path
 * (admin:read, 404 when unknown). The same functions answer both, so what staff see is what the reseller sees.
 */
type Scope = {
  permission: Permission;
  params: z.ZodObject<Record<string, z.ZodType>>;
  resellerOf: (ctx: UserContext, params: Record<string, string>) => Promise<string>;
};

export const portalScope: Scope = {
  permission: "portal:read",
  params: z.object({}),
  resellerOf: async (ctx) => requireResellerScope(ctx),
};

export const adminScope: Scope = {
  permission: "admin:read",
  params: z.object({ resellerId: idParam }),
  resellerOf: async (ctx, params) => (await requireReseller(ctx.db, params.resellerId as string)).id,
};

const notFound = "Not found.";

export function usageRoutes(scope: Scope) {
  const params = scope.params;
  return {
    summary: userRoute(
      scope.permission,
      z.object({ params, query: usageFiltersSchema }),
      async ({ params: p, query }, ctx) =>
        usageSummary(ctx.db, await scope.resellerOf(ctx, p as Record<string, string>), query, ctx.today),
    ),
    daily: userRoute(
      scope.permission,
      z.object({ params, query: dailyQuerySchema }),
      async ({ params: p, query }, ctx) =>
        dailySeries(ctx.db, await scope.resellerOf(ctx, p as Record<string, string>), query, ctx.today),
    ),
    history: userRoute(
      scope.permission,
      z.object({ params, query: z.object({ month: monthParam }) }),
      async ({ params: p, query }, ctx) =>
        monthlyHistory(ctx.db, await scope.resellerOf(ctx, p as Record<string, string>), query, ctx.today),
    ),
    customer: userRoute(
      scope.permission,
      z.object({ params: params.extend({ id: idParam }), query: z.object({ month: monthParam }) }),
      async ({ params: p, query }, ctx) => {
        const all = p as Record<string, string>;
        return customerUsage(ctx.db, await scope.resellerOf(ctx, all), all.id as string, query, ctx.today);
      },
      { invalidMessage: notFound },
    ),
  };
}
