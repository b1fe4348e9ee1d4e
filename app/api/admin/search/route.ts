import { z } from "zod";
import { userRoute } from "@/lib/api/route";
import { globalSearch, type SearchResult, searchText } from "@/lib/search";

export const dynamic = "force-dynamic";

const request = z.object({ query: z.object({ q: searchText }) });

/** The back office header's global search (admin:read; a reseller user is refused); see lib/search. */
export const GET = userRoute(
  "admin:read",
  request,
  async ({ query }, ctx): Promise<SearchResult> => ({
    q: query.q,
    hits: await globalSearch(ctx.db, query.q),
  }),
  { invalidMessage: "Type 2 to 100 characters to search." },
);
