/**
 * The lists' integration-test harness (issue 16): walk a list's pages both ways, read an export's CSV, seed
 * rows that tie on a sort, and pin the signed-in user the export routes and pages read.
 */
import { parse } from "csv-parse/sync";
import { eq, sql } from "drizzle-orm";
import { expect } from "vitest";
import * as s from "@/db/schema";
import type { CurrentUser } from "@/lib/auth/guard";
import type { ListCount } from "@/lib/lists/count";

const db = () => globalThis.testDb.db;

type Page<Row> = { rows: Row[]; nextCursor: string | null; prevCursor: string | null; count: ListCount };
/** What a walk adds to the list's query: nothing for the first page, else the cursor to read from. */
export type Cursor = { after?: string; before?: string };
type FetchPage<Row> = (cursor: Cursor) => Promise<Page<Row>>;
export type ListWalk<Row, Id> = {
  forward: Id[][];
  backward: Id[][];
  ids: Id[];
  rows: Row[];
  count: ListCount;
};

/**
 * Every page forward from the first, then every page back from the last, as ids. Checks on the way that
 * only the first page has no previous page, that each row comes once, and that the pages back are the
 * pages forward.
 */
export function walkList<Row extends { id: unknown }>(
  fetchPage: FetchPage<Row>,
): Promise<ListWalk<Row, Row["id"]>>;
export function walkList<Row, Id>(
  fetchPage: FetchPage<Row>,
  idOf: (row: Row) => Id,
): Promise<ListWalk<Row, Id>>;
export async function walkList<Row, Id>(
  fetchPage: FetchPage<Row>,
  idOf: (row: Row) => Id = (row) => (row as { id: Id }).id,
): Promise<ListWalk<Row, Id>> {
  const forward: Id[][] = [];
  const rows: Row[] = [];
  let page = await fetchPage({});
  expect(page.prevCursor, "the first page has no previous page").toBeNull();
  for (;;) {
    forward.push(page.rows.map(idOf));
    rows.push(...page.rows);
    if (!page.nextCursor) break;
    page = await fetchPage({ after: page.nextCursor });
    expect(page.prevCursor, "a later page has a previous page").not.toBeNull();
  }
  const backward: Id[][] = [forward.at(-1)!];
  let before = page.prevCursor;
  while (before) {
    const prev = await fetchPage({ before });
    backward.unshift(prev.rows.map(idOf));
    before = prev.prevCursor;
  }
  const ids = forward.flat();
  expect(new Set(ids).size, "each row once").toBe(ids.length);
  expect(backward, "the same pages back as forward").toEqual(forward);
  return { forward, backward, ids, rows, count: page.count };
}

/** The walk's pages hold exactly `ids`, in order (`sizes` rows a page), and the count is exact. */
export function expectPages<Id>(walk: ListWalk<unknown, Id>, ids: Id[], sizes?: number[]) {
  if (sizes) expect(walk.forward.map((p) => p.length)).toEqual(sizes);
  expect(walk.ids).toEqual(ids);
  expect(walk.count).toEqual({ value: ids.length, exact: true });
}

/** Every row of a list, page after page forward from the first. */
export async function listRows<Row>(fetchPage: FetchPage<Row>): Promise<Row[]> {
  const rows: Row[] = [];
  let after: string | null = null;
  do {
    const page: Page<Row> = await fetchPage(after ? { after } : {});
    rows.push(...page.rows);
    after = page.nextCursor;
  } while (after);
  return rows;
}

/** The ids a query selects as `id` (text), in its order: what a list should page through. */
export async function idsBySql(query: string): Promise<string[]> {
  return (await db().execute<{ id: string }>(sql.raw(query))).map((r) => r.id);
}

type Body = ReadableStream<Uint8Array> | Response;

/** An export's bytes as text, keeping the byte-order mark (Response.text() drops it). */
export async function csvText(body: Body | Promise<Body>): Promise<string> {
  const b = await body;
  const bytes = await (b instanceof Response ? b : new Response(b)).arrayBuffer();
  return new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes);
}

/** A CSV file's records by its header; the file opens with a byte-order mark (spreadsheets read UTF-8). */
export function csvRecords(text: string): Record<string, string>[] {
  expect(text.startsWith("\uFEFF")).toBe(true);
  return parse(text, { bom: true, columns: true }) as Record<string, string>[];
}

/** An export's records. */
export async function csvRows(body: Body | Promise<Body>): Promise<Record<string, string>[]> {
  return csvRecords(await csvText(body));
}

/** A CSV file's header line. */
export const csvHeader = (text: string) => text.slice(1).split("\r\n")[0];

/** An export's text, after checking that reading `batchSize` rows at a time writes the same bytes. */
export async function sameCsvEveryBatchSize(
  write: (options?: { batchSize: number }) => Body | Promise<Body>,
  batchSize: number,
): Promise<string> {
  const text = await csvText(write());
  expect(await csvText(write({ batchSize }))).toBe(text);
  return text;
}

/** Three instants for ties on a date sort: two a microsecond apart (a cursor must keep microseconds), one later. */
export const TIED_INSTANTS = [
  "2026-03-01 10:00:00.123456+00",
  "2026-03-01 10:00:00.123457+00",
  "2026-04-02 08:00:00+00",
];

/** A timestamptz value the database reads from text, microseconds kept (a Date has none). */
export const timestamptz = (text: string) => sql`${text}::timestamptz` as unknown as Date;

/** A reseller for a test's rows: `${mark} ${label}` with its address and billing email filled in. */
export function resellerValues(
  mark: string,
  label: string | number,
  values: Partial<typeof s.resellers.$inferInsert> = {},
) {
  return {
    name: `${mark} ${label}`,
    legalName: `${mark} Legal ${label} GmbH`,
    addressLine1: "1 Main Street",
    city: "Springfield",
    postalCode: "12345",
    country: "DE",
    currency: "EUR",
    billingEmail: `billing-${String(label).toLowerCase()}@${mark.toLowerCase()}.example`,
    internalTag: `${mark}-${label}`,
    ...values,
  };
}

/** Every contract not cancelled, with its reseller's name and currency. */
export async function liveContracts() {
  return db().execute<{ contract_id: string; reseller_id: string; name: string; currency: string }>(
    sql`select k.id::text as contract_id, k.reseller_id::text as reseller_id, r.name, r.currency
          from contracts k join resellers r on r.id = k.reseller_id where k.state <> 'cancelled'`,
  );
}

type InvoiceInsert = typeof s.invoices.$inferInsert;
type InvoiceFixture = Pick<InvoiceInsert, "period" | "invoiceDate" | "total"> &
  Partial<Omit<InvoiceInsert, "contractId" | "resellerId">>;

/** An invoice of a live contract for `total`, Tier 1 over a whole 30-day cycle, nothing else charged. */
export function invoiceValues(
  contract: { contract_id: string; reseller_id: string; currency: string },
  values: InvoiceFixture,
): InvoiceInsert {
  return {
    contractId: contract.contract_id,
    resellerId: contract.reseller_id,
    currency: contract.currency,
    tierCode: "T1",
    tierName: "Tier 1",
    cycle: 1,
    activeDays: 30,
    periodDays: 30,
    commitment: "0",
    consumption: values.total,
    topUp: "0",
    subtotal: values.total,
    taxRatePercent: "0",
    tax: "0",
    ...values,
  };
}

/** A user by email as the guard gives the signed-in user out. */
export async function callerFor(email: string): Promise<CurrentUser> {
  const [user] = await db().select().from(s.users).where(eq(s.users.email, email));
  if (!user) throw new Error(`no user ${email}`);
  return { ...user, sessionId: "s" };
}

/**
 * lib/auth/guard with the signed-in user pinned by the test (the permission checks are the real ones):
 * `const auth = vi.hoisted(() => ({ caller: null as CurrentUser | null }));`
 * `vi.mock("@/lib/auth/guard", async () => (await import("@/tests/lists")).pinnedGuard(auth));`
 */
export async function pinnedGuard(auth: { caller: CurrentUser | null }) {
  const { AppError } = await import("@/lib/errors/app-error");
  const { can } = await import("@/lib/auth/permissions");
  const requireUser = async (permission: Parameters<typeof can>[1]) => {
    if (!auth.caller) throw new AppError("unauthenticated", "Sign in.");
    if (!can(auth.caller.role, permission)) throw new AppError("forbidden", "Not for this role.");
    return auth.caller;
  };
  return { requireUser, requirePageUser: requireUser, requireSignedIn: async () => auth.caller };
}
