import { apiError, queryInt, type SimRequest } from "./http-kit";

type Cursor = { q: Record<string, string>; o: number };

/**
 * Cursor pagination (acronis-api.md §1.4): the cursor encodes every other query parameter and the
 * offset, so a follow-up request sends only `after`.
 */
export function resolveCursor(req: SimRequest): { query: URLSearchParams; offset: number } {
  const after = req.query.get("after");
  if (!after) return { query: req.query, offset: 0 };
  try {
    const cursor = JSON.parse(Buffer.from(after, "base64url").toString("utf8")) as Cursor;
    if (typeof cursor.o !== "number" || typeof cursor.q !== "object") throw new Error("bad cursor");
    return { query: new URLSearchParams(cursor.q), offset: cursor.o };
  } catch {
    throw apiError(400, `Invalid cursor '${after}'.`);
  }
}

export function pageOf<T>(req: SimRequest, query: URLSearchParams, offset: number, items: T[]) {
  const limit = queryInt({ ...req, query }, "limit", { min: 1 }) ?? 5000;
  const slice = items.slice(offset, offset + limit);
  const next = offset + limit;
  if (next >= items.length) return { items: slice };
  const q: Record<string, string> = {};
  for (const [k, v] of query) if (k !== "after") q[k] = v;
  const after = Buffer.from(JSON.stringify({ q, o: next } satisfies Cursor)).toString("base64url");
  return { items: slice, paging: { cursors: { after } } };
}
