import { isStaleVersionError } from "./errors";
import type { Http, Query } from "./http";

/** What every resource module needs; built once by createAcronisClient. */
export type ClientContext = {
  http: Http;
  clientId: string;
  sleep: (ms: number) => Promise<void>;
  now: () => number;
  /** How many times a versioned write re-reads and retries after a version mismatch (409 code 1001, 426). */
  versionRetries: number;
  usageBatchSize: number;
  /** `limit` for paged batch reads; undefined = the server default (5000). */
  pageSize: number | undefined;
  cache: { platformAppId?: string; ownTenantId?: string };
};

/**
 * Optimistic concurrency: read the current version, write with it, and on a stale-version answer
 * (409 with error.code 1001, or 426) read again and retry. Any other error, a name conflict (1004)
 * included, is thrown at once.
 */
export async function withFreshVersion<V, T>(
  ctx: ClientContext,
  read: () => Promise<V>,
  write: (current: V) => Promise<T>,
): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    const current = await read();
    try {
      return await write(current);
    } catch (error) {
      if (!isStaleVersionError(error) || attempt >= ctx.versionRetries) throw error;
    }
  }
}

type Page<T> = { items: T[]; paging?: { cursors?: { after?: string | null } | null } | null };

/** Cursor pagination (acronis-api.md §1.4): follow-up pages send only `after`. */
export async function* paginate<T>(
  path: string,
  query: Query,
  read: (path: string, query: Query) => Promise<Page<T>>,
): AsyncGenerator<T> {
  let q = query;
  for (;;) {
    const page = await read(path, q);
    yield* page.items;
    const after = page.paging?.cursors?.after;
    if (!after || page.items.length === 0) return;
    q = { after };
  }
}

export function chunk<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
