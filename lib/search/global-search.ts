import "server-only";
import { type AnyColumn, asc, desc, eq, type SQL, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { customers, invoices, resellers, users } from "@/db/schema";
import { roleLabels } from "@/lib/auth/permissions";
import { formatMoney } from "@/lib/format";
import { containsAny, matchOfRank, type Patterns, patternsOf, rankOf, uuidOf } from "./match";
import { SEARCH_LIMIT_PER_KIND, type SearchHit, type SearchKind, searchText } from "./types";

type Options = { limitPerKind?: number };
type Ranked = SearchHit & { rank: number };

const kindOrder: SearchKind[] = ["reseller", "invoice", "customer", "user"];

/** Rows whose rank is 0/1/2 become hits; the rank stays for ordering the groups. */
function hit(kind: SearchKind, rank: number, fields: Omit<SearchHit, "kind" | "match">): Ranked {
  return { kind, match: matchOfRank[rank] ?? "contains", rank, ...fields };
}

const joined = (...parts: (string | null | undefined)[]) => parts.filter(Boolean).join(" · ");

/** An exact tenant id match ranks 0; nothing when the text is not a uuid. */
const tenantMatch = (column: AnyColumn, tenant: string | null): SQL[] =>
  tenant ? [sql`case when ${column} = ${tenant}::uuid then 0 end`] : [];

async function searchResellers(db: Db, p: Patterns, tenant: string | null, limit: number) {
  const columns = [
    resellers.name,
    resellers.legalName,
    resellers.taxId,
    resellers.billingEmail,
    resellers.acronisAdminLogin,
  ];
  const tenantRank = tenantMatch(resellers.acronisTenantId, tenant);
  const rank = rankOf(columns, p, tenantRank);
  const where = tenant
    ? sql`(${containsAny(columns, p)}) or ${resellers.acronisTenantId} = ${tenant}::uuid`
    : containsAny(columns, p);
  const rows = await db
    .select({
      id: resellers.id,
      name: resellers.name,
      legalName: resellers.legalName,
      taxId: resellers.taxId,
      billingEmail: resellers.billingEmail,
      tenantId: resellers.acronisTenantId,
      rank,
    })
    .from(resellers)
    .where(where)
    .orderBy(asc(rank), asc(resellers.name), asc(resellers.id))
    .limit(limit);
  return rows.map((r) =>
    hit("reseller", r.rank, {
      id: r.id,
      title: r.name,
      subtitle: joined(
        r.legalName !== r.name ? r.legalName : null,
        r.taxId,
        tenant && r.tenantId === tenant ? `Acronis tenant ${r.tenantId}` : r.billingEmail,
      ),
      href: `/admin/resellers/${r.id}`,
    }),
  );
}

async function searchInvoices(db: Db, p: Patterns, limit: number) {
  const rank = rankOf([invoices.number], p);
  const rows = await db
    .select({
      id: invoices.id,
      number: invoices.number,
      period: invoices.period,
      status: invoices.status,
      total: invoices.total,
      currency: invoices.currency,
      reseller: resellers.name,
      rank,
    })
    .from(invoices)
    .innerJoin(resellers, eq(resellers.id, invoices.resellerId))
    .where(containsAny([invoices.number], p))
    .orderBy(asc(rank), desc(invoices.number))
    .limit(limit);
  return rows.map((r) =>
    hit("invoice", r.rank, {
      id: r.id,
      title: r.number ?? "Draft",
      subtitle: joined(r.reseller, r.period, r.status, formatMoney(r.total, r.currency)),
      href: `/admin/invoices/${r.id}`,
    }),
  );
}

async function searchCustomers(db: Db, p: Patterns, tenant: string | null, limit: number) {
  const rank = rankOf([customers.name], p, tenantMatch(customers.acronisTenantId, tenant));
  const byName = containsAny([customers.name], p);
  const rows = await db
    .select({
      id: customers.id,
      resellerId: customers.resellerId,
      name: customers.name,
      path: customers.path,
      tenantId: customers.acronisTenantId,
      reseller: resellers.name,
      rank,
    })
    .from(customers)
    .innerJoin(resellers, eq(resellers.id, customers.resellerId))
    .where(tenant ? sql`${byName} or ${customers.acronisTenantId} = ${tenant}::uuid` : byName)
    .orderBy(asc(rank), asc(customers.name), asc(customers.id))
    .limit(limit);
  return rows.map((r) =>
    hit("customer", r.rank, {
      id: r.id,
      title: r.name,
      subtitle: joined(
        `Customer of ${r.reseller}`,
        r.path || null,
        tenant && r.tenantId === tenant ? `Acronis tenant ${r.tenantId}` : null,
      ),
      href: `/admin/usage/${r.resellerId}/customers/${r.id}`,
    }),
  );
}

async function searchUsers(db: Db, p: Patterns, limit: number) {
  const columns = [users.email, users.name];
  const rank = rankOf(columns, p);
  const rows = await db
    .select({
      id: users.id,
      name: users.name,
      email: users.email,
      role: users.role,
      disabledAt: users.disabledAt,
      resellerId: users.resellerId,
      reseller: resellers.name,
      rank,
    })
    .from(users)
    .leftJoin(resellers, eq(resellers.id, users.resellerId))
    .where(containsAny(columns, p))
    .orderBy(asc(rank), asc(users.email), asc(users.id))
    .limit(limit);
  return rows.map((r) =>
    hit("user", r.rank, {
      id: r.id,
      title: r.name,
      subtitle: joined(
        r.email,
        r.resellerId ? `${roleLabels[r.role]} at ${r.reseller}` : `Staff · ${roleLabels[r.role]}`,
        r.disabledAt ? "disabled" : null,
      ),
      href: r.resellerId ? `/admin/resellers/${r.resellerId}` : "/admin/staff",
    }),
  );
}

/**
 * The back office's one search box (distributor staff only; the route checks `admin:read`): resellers by
 * name, legal name, tax id, billing email or Acronis login; invoices by number; customers by name; users by
 * email or name; a reseller or customer by its Acronis tenant id when the text is a uuid (exact). At most
 * `limitPerKind` hits per kind, each kind ranked exact → prefix → contains; kinds with a better best hit
 * come first, so the first hit is the likeliest. The text is trimmed and must be 2–100 characters.
 */
export async function globalSearch(db: Db, q: string, options: Options = {}): Promise<SearchHit[]> {
  const text = searchText.parse(q);
  const limit = Math.max(1, Math.min(options.limitPerKind ?? SEARCH_LIMIT_PER_KIND, SEARCH_LIMIT_PER_KIND));
  const p = patternsOf(text);
  const tenant = uuidOf(text);
  const groups = await Promise.all([
    searchResellers(db, p, tenant, limit),
    searchInvoices(db, p, limit),
    searchCustomers(db, p, tenant, limit),
    searchUsers(db, p, limit),
  ]);
  const best = (g: Ranked[]) => g[0]?.rank ?? 3;
  const kindIndex = (g: Ranked[]) => (g[0] ? kindOrder.indexOf(g[0].kind) : kindOrder.length);
  return groups
    .filter((g) => g.length > 0)
    .sort((a, b) => best(a) - best(b) || kindIndex(a) - kindIndex(b))
    .flatMap((g) => g.map(({ rank: _rank, ...h }) => h));
}
