import { DEFAULT_PAGE_SIZE, type ListParams, type ListSpec } from "./params";

/** The list's query without its cursor and without values equal to the defaults (short, shareable URLs). */
export function listQuery(spec: ListSpec, params: ListParams): Record<string, string> {
  const query: Record<string, string> = {};
  if (params.q) query.q = params.q;
  for (const [key, value] of Object.entries(params.filters)) if (value) query[key] = String(value);
  if (params.sort !== spec.defaultSort) query.sort = params.sort;
  if (params.dir !== spec.sorts[params.sort]?.dir) query.dir = params.dir;
  if (params.size !== (spec.defaultSize ?? DEFAULT_PAGE_SIZE)) query.size = String(params.size);
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

export type ListLinks = {
  path: string;
  /** The state to keep in every link and form: filters, search, sort, size (never a cursor). */
  query: Record<string, string>;
  sortHref: (key: string) => string;
  /** aria-sort of a column: the sorted one says its direction, the others "none". */
  sortState: (key: string) => "ascending" | "descending" | "none";
  prevHref: string | null;
  nextHref: string | null;
  /** The list with its filters and search cleared, sort and size kept. */
  clearHref: string;
  /** The first page of the same list (from a page past the end). */
  firstHref: string;
  isFiltered: boolean;
  isPaged: boolean;
};

/** Every link a list page draws, from its spec, its parsed params and the page's cursors. */
export function listLinks(
  path: string,
  spec: ListSpec,
  params: ListParams,
  cursors: { nextCursor: string | null; prevCursor: string | null },
): ListLinks {
  const query = listQuery(spec, params);
  const isFiltered = Boolean(params.q) || Object.values(params.filters).some(Boolean);
  const kept: Record<string, string> = {};
  for (const key of ["sort", "dir", "size"]) if (query[key]) kept[key] = query[key];
  return {
    path,
    query,
    sortHref: (key) => {
      const natural = spec.sorts[key]?.dir ?? "asc";
      const dir = params.sort === key ? (params.dir === "asc" ? "desc" : "asc") : natural;
      return listHref(path, query, {
        sort: key === spec.defaultSort ? null : key,
        dir: dir === natural ? null : dir,
      });
    },
    sortState: (key) => (params.sort === key ? (params.dir === "asc" ? "ascending" : "descending") : "none"),
    prevHref: cursors.prevCursor ? listHref(path, query, { before: cursors.prevCursor }) : null,
    nextHref: cursors.nextCursor ? listHref(path, query, { after: cursors.nextCursor }) : null,
    clearHref: listHref(path, kept),
    firstHref: listHref(path, query),
    isFiltered,
    isPaged: params.after !== null || params.before !== null,
  };
}

/** The list's CSV export (`<path>/export`): the same filters, search and sort; no cursor, no page size. */
export function listExportHref(links: Pick<ListLinks, "path" | "query">): string {
  return listHref(`${links.path}/export`, links.query, { size: null });
}
