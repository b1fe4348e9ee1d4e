import { z } from "zod";
import { publicRoute } from "@/lib/api/route";
import { estimateRequestSchema } from "@/lib/catalogue/estimate-input";
import { estimateMonthlyCosts } from "@/lib/catalogue/storefront";

export const dynamic = "force-dynamic";

/**
 * Public storefront estimator: `{ currency, quantities }` → the month's cost on every orderable tier, rated
 * by lib/billing like an invoice. No session needed; prices are public. Each estimate reads the catalogue, so
 * an address gets a limited number a minute (429 with Retry-After beyond it).
 */
export const POST = publicRoute(
  z.object({ body: estimateRequestSchema }),
  async ({ body }, ctx) => ({ estimate: await estimateMonthlyCosts(ctx.db, body, ctx.today) }),
  {
    limit: {
      name: "estimate",
      message: (seconds) => `Too many estimates from your address. Try again in ${seconds} s.`,
    },
    invalidMessage: "Expected { currency, quantities }",
    cacheControl: "no-store",
  },
);
