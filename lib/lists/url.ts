import { DEFAULT_PAGE_SIZE, type ListParams, type ListSpec } from "./params";

/** The list's query without its cursor and without values equal to the defaults (short, shareable URLs). */
export function listQuery(spec: ListSpec, params: ListParams): Record<string, string> {
  const query: Record<string, string> = {};
  if (params.q) query.q = params.q;
  for (const [key, value] of Object.entries(params.filters)) if (value) query[key] = String(value);
  if (params.sort !== spec.defaultSort) query.sort = params.sort;
  if (params.dir !== spec.sorts[params.sort]?.dir) query.dir = params.dir;
  if (params.size !== DEFAULT_PAGE_SIZE) query.size = String(params.size);
  return query;
}

/** A link to `path` with `query` changed by `patch` (null removes a key); the cursor always starts afresh unless given. */
export function listHref(
  path: string,
  query: Record<string, string>,
  patch: Record<string, string | null> = {},
): string {
  const next = new URLSearchParams();
  const merged: Record<string, string | null> = { ...query, ...patch };
  for (const [key, value] of Object.entries(merged)) if (value !== null && value !== "") next.set(key, value);
  const text = next.toString();
  return text ? `${path}?${text}` : path;
}
