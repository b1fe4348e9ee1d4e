import { z } from "zod";
import { userRoute } from "@/lib/api/route";
import { exportVersionCsv } from "@/lib/prices/csv";

export const dynamic = "force-dynamic";

const schema = z.object({ params: z.object({ versionId: z.string().uuid() }) });

/** A whole price version as CSV (kind,tier,sku,currency,amount): any back-office reader may download it. */
export const GET = userRoute(
  "admin:read",
  schema,
  async ({ params }, ctx) => {
    const { filename, csv } = await exportVersionCsv(ctx.db, params.versionId, ctx.today);
    return new Response(csv, {
      headers: {
        "content-type": "text/csv; charset=utf-8",
        "content-disposition": `attachment; filename="${filename}"`,
        "cache-control": "private, no-store",
      },
    });
  },
  { invalidMessage: "Not a price version." },
);
