import { eq, sql } from "drizzle-orm";
import type postgres from "postgres";
import { beforeAll, describe, expect, it } from "vitest";
import * as s from "@/db/schema";
import { seedDatabase } from "@/db/seed";
import { systemActor } from "@/lib/audit";
import { waitFor } from "@/lib/provisioning/test-support";
import { startBillingRun } from "./billing-run";
import { issueInvoice } from "./issue";
import { invoicesOf, linesOf } from "./test-support";

// invoice_lines' references and the issued-invoice guard, seen from the outside: the two foreign keys of
// migration 0006 (to invoices, ON DELETE CASCADE, and to customers) refuse bad lines and keep invoiced
// customers, drafts take their lines with them, and the guard (0001, rewritten in 0006) keeps issued invoices'
// lines as they are, also against concurrent writers. Migration 0004's statement triggers, which emulated the
// keys, are gone: the first test proves it on the freshly migrated database.

const db = () => globalThis.testDb.db;
const PERIOD = "2026-10";
const NO_SUCH_ID = "00000000-0000-4000-8000-00000000dead";

let issuedId: string;
let invoicedCustomerId: string;

const INVOICE_FK = "invoice_lines_invoice_id_invoices_id_fk";
const CUSTOMER_FK = "invoice_lines_customer_id_customers_id_fk";
const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
/** Races need two transactions at once; PGlite runs one at a time. */
const onlyPostgres = process.env.TEST_ENGINE !== "postgres";

/** The seed's today: last month is closed. */
const TODAY = "2026-11-24";

beforeAll(async () => {
  await seedDatabase(db(), { today: new Date("2026-11-24T00:00:00Z") });
  await startBillingRun(db(), { period: PERIOD, actor: systemActor, today: TODAY });
  const [first] = await invoicesOf(db(), PERIOD);
  issuedId = first!.id;
  await issueInvoice(db(), { invoiceId: issuedId, actor: systemActor, today: TODAY });
  // A customer of the issued invoice: its lines never go away, so it stays invoiced whatever a test does.
  const line = (await linesOf(db(), issuedId)).find((l) => l.customerId !== null);
  invoicedCustomerId = line!.customerId!;
});

function addLine(invoiceId: string, customerId: string | null, position = 999): Promise<unknown> {
  return db().insert(s.invoiceLines).values({
    invoiceId,
    position,
    type: "usage",
    customerId,
    customerName: "Somebody",
    skuCode: "pw_base_servers",
    description: "Servers",
    unit: "workload",
    quantity: "1.0000",
    unitPrice: "1.0000",
    amount: "1.00",
  });
}

/** A promise and the function that settles it: lets a test hold a transaction open until it says so. */
function gate() {
  let open = () => {};
  const passed = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { passed, open };
}

/** True once some session of this database waits for a lock (the other transaction of a test). */
async function someoneWaitsForALock() {
  const client = globalThis.testDb.sql;
  await waitFor(async () => {
    const [row] = await client<{ n: number }[]>`select count(*)::int as n from pg_stat_activity
      where datname = current_database() and wait_event_type = 'Lock'`;
    return (row?.n ?? 0) > 0;
  });
}

/**
 * A draft to work on: a new run (re)drafts every contract of `period` that has no issued invoice yet. A test
 * that issues its draft takes a period of its own, so no test runs another out of drafts.
 */
async function freshDraft(period = PERIOD) {
  await startBillingRun(db(), { period, actor: systemActor, today: TODAY });
  const [draft] = (await invoicesOf(db(), period)).filter((i) => i.status === "draft");
  if (!draft) throw new Error(`no draft of ${period} left to work on`);
  return draft;
}

/** The database error behind drizzle's wrapper (its message, SQLSTATE and constraint). */
async function refusal(action: Promise<unknown>) {
  try {
    await action;
  } catch (error) {
    const cause = (error as { cause?: unknown }).cause ?? error;
    return cause as { message: string; code: string; constraint_name?: string };
  }
  throw new Error("the database accepted it");
}

async function lineCount() {
  return Number((await db().select({ n: sql<number>`count(*)` }).from(s.invoiceLines))[0]?.n);
}

describe("invoice line references", () => {
  it("are the two foreign keys on the migrated database, with no trigger emulating them", async () => {
    const keys = await db().execute<{ name: string; target: string; columns: string; on_delete: string }>(sql`
      select c.conname as name, c.confrelid::regclass::text as target,
        (select string_agg(a.attname, ',') from pg_attribute a
          where a.attrelid = c.conrelid and a.attnum = any(c.conkey)) as columns,
        c.confdeltype::text as on_delete
      from pg_constraint c where c.conrelid = 'invoice_lines'::regclass and c.contype = 'f' order by c.conname`);
    expect([...keys]).toEqual([
      { name: CUSTOMER_FK, target: "customers", columns: "customer_id", on_delete: "a" }, // no action
      { name: INVOICE_FK, target: "invoices", columns: "invoice_id", on_delete: "c" }, // cascade
    ]);
    // The same, as information_schema reports it.
    const declared = await db().execute<{ name: string; target: string; delete_rule: string }>(sql`
      select rc.constraint_name as name, ccu.table_name as target, rc.delete_rule
      from information_schema.referential_constraints rc
      join information_schema.table_constraints tc on tc.constraint_name = rc.constraint_name
        and tc.table_name = 'invoice_lines' and tc.constraint_type = 'FOREIGN KEY'
      join information_schema.constraint_column_usage ccu on ccu.constraint_name = rc.unique_constraint_name
      order by 1`);
    expect([...declared]).toEqual([
      { name: CUSTOMER_FK, target: "customers", delete_rule: "NO ACTION" },
      { name: INVOICE_FK, target: "invoices", delete_rule: "CASCADE" },
    ]);
    // User triggers on the three tables: only the issued-invoice guards remain (the keys' own are internal).
    const triggers = await db().execute<{ name: string }>(sql`
      select tgname as name from pg_trigger
      where not tgisinternal and tgrelid in ('invoice_lines'::regclass, 'invoices'::regclass, 'customers'::regclass)
      order by 1`);
    expect([...triggers].map((t) => t.name)).toEqual([
      "invoice_lines_guard_delete",
      "invoice_lines_guard_insert",
      "invoice_lines_guard_update",
      "invoices_guard_issued",
    ]);
    const emulation = await db().execute<{ name: string }>(sql`
      select proname as name from pg_proc where proname in ('invoices_delete_lines', 'customers_keep_invoiced',
        'keep_lines_on_truncate', 'keep_line_parent_ids', 'refuse_stricter_isolation')`);
    expect([...emulation]).toEqual([]);
  });

  it("refuses a line of an invoice that does not exist, naming the key", async () => {
    const error = await refusal(addLine(NO_SUCH_ID, invoicedCustomerId));
    expect(error.code).toBe("23503");
    expect(error.message).toContain(INVOICE_FK);
  });

  it("refuses a line for a customer that does not exist", async () => {
    const draft = await freshDraft();
    const error = await refusal(addLine(draft.id, NO_SUCH_ID));
    expect(error.code).toBe("23503");
    expect(error.message).toContain(CUSTOMER_FK);
  });

  it("refuses moving a line to a missing invoice or customer", async () => {
    const draft = await freshDraft();
    const [line] = await linesOf(db(), draft.id);
    const move = (set: Partial<typeof s.invoiceLines.$inferInsert>) =>
      refusal(db().update(s.invoiceLines).set(set).where(eq(s.invoiceLines.id, line!.id)));
    expect(await move({ invoiceId: NO_SUCH_ID })).toMatchObject({
      code: "23503",
      constraint_name: INVOICE_FK,
    });
    expect(await move({ customerId: NO_SUCH_ID })).toMatchObject({
      code: "23503",
      constraint_name: CUSTOMER_FK,
    });
    expect(await linesOf(db(), draft.id)).toContainEqual(line);
  });

  it("takes lines for a draft, and a line without a customer (the top-up)", async () => {
    const draft = await freshDraft();
    await addLine(draft.id, invoicedCustomerId, 1001);
    await addLine(draft.id, null, 1002);
    const positions = (await linesOf(db(), draft.id)).map((l) => l.position);
    expect(positions).toEqual(expect.arrayContaining([1001, 1002]));
    await db().delete(s.invoiceLines).where(sql`invoice_id = ${draft.id} and position > 1000`);
  });

  it("gives the lines a billing run writes UUIDv7 ids", async () => {
    const draft = await freshDraft();
    const lines = await linesOf(db(), draft.id);
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) expect(line.id).toMatch(UUID_V7);
  });

  it("refuses any new line on an issued invoice", async () => {
    const error = await refusal(addLine(issuedId, invoicedCustomerId));
    expect(error.code).toBe("P0001");
    expect(error.message).toContain("issued invoice can never change");
  });

  it("refuses changing or removing the lines of an issued invoice", async () => {
    const before = await linesOf(db(), issuedId);
    const changed = await refusal(
      db().update(s.invoiceLines).set({ amount: "0.00" }).where(eq(s.invoiceLines.id, before[0]!.id)),
    );
    expect(changed.message).toContain("issued invoice can never change");
    const removed = await refusal(db().delete(s.invoiceLines).where(eq(s.invoiceLines.id, before[0]!.id)));
    expect(removed.message).toContain("issued invoice can never change");
    expect(await linesOf(db(), issuedId)).toEqual(before);
  });

  it("refuses deleting a customer that has invoice lines, or changing its id", async () => {
    // A customer referenced by nothing but an invoice line (no usage rows), so the refusal is the line's key.
    const [invoiced] = await db().select().from(s.customers).where(eq(s.customers.id, invoicedCustomerId));
    const [customer] = await db()
      .insert(s.customers)
      .values({
        resellerId: invoiced!.resellerId,
        acronisTenantId: "00000000-0000-4000-8000-00000000f00d",
        name: "Invoiced once",
      })
      .returning();
    await addLine((await freshDraft()).id, customer!.id, 995);
    const error = await refusal(db().delete(s.customers).where(eq(s.customers.id, customer!.id)));
    expect(error).toMatchObject({ code: "23503", constraint_name: CUSTOMER_FK });
    const renamed = await refusal(
      db().update(s.customers).set({ id: NO_SUCH_ID }).where(eq(s.customers.id, customer!.id)),
    );
    expect(renamed).toMatchObject({ code: "23503", constraint_name: CUSTOMER_FK });
    const [still] = await db().select().from(s.customers).where(eq(s.customers.id, customer!.id));
    expect(still).toBeDefined();
  });

  it("deletes a customer without invoice lines", async () => {
    const [invoiced] = await db().select().from(s.customers).where(eq(s.customers.id, invoicedCustomerId));
    const [customer] = await db()
      .insert(s.customers)
      .values({
        resellerId: invoiced!.resellerId,
        acronisTenantId: "00000000-0000-4000-8000-00000000beef",
        name: "Never invoiced",
      })
      .returning();
    await db().delete(s.customers).where(eq(s.customers.id, customer!.id));
    expect(await db().select().from(s.customers).where(eq(s.customers.id, customer!.id))).toEqual([]);
  });

  it("refuses changing the id of an invoice that has lines", async () => {
    const draft = await freshDraft();
    const error = await refusal(
      db().update(s.invoices).set({ id: NO_SUCH_ID }).where(eq(s.invoices.id, draft.id)),
    );
    expect(error).toMatchObject({ code: "23503", constraint_name: INVOICE_FK });
  });

  it("deleting a draft deletes its lines, and only its lines, in any isolation level", async () => {
    for (const isolationLevel of ["read committed", "repeatable read", "serializable"] as const) {
      const draft = await freshDraft();
      const before = await lineCount();
      const own = (await linesOf(db(), draft.id)).length;
      expect(own).toBeGreaterThan(0);
      await db().transaction((tx) => tx.delete(s.invoices).where(eq(s.invoices.id, draft.id)), {
        isolationLevel,
      });
      expect(await linesOf(db(), draft.id)).toEqual([]);
      expect(await lineCount()).toBe(before - own);
      expect((await linesOf(db(), issuedId)).length).toBeGreaterThan(0);
    }
  });

  it("refuses emptying invoices or customers with TRUNCATE while invoice lines reference them", async () => {
    const invoices = await refusal(db().execute(sql`truncate invoices`));
    expect(invoices.code).toBe("0A000");
    expect(invoices.message).toContain("cannot truncate a table referenced in a foreign key constraint");
    const customers = await refusal(db().execute(sql`truncate customers`));
    expect(customers.code).toBe("0A000");
    expect((await linesOf(db(), issuedId)).length).toBeGreaterThan(0);
  });

  it.skipIf(onlyPostgres)(
    "issuing waits for lines still being written to the draft, and then includes them",
    async () => {
      const client = globalThis.testDb.sql;
      const draft = await freshDraft("2026-09");
      const linesBefore = (await linesOf(db(), draft.id)).length;
      const wrote = gate();
      const done = gate();
      const writer = client.begin(async (tx: postgres.TransactionSql) => {
        await tx`insert into invoice_lines (invoice_id, position, type, customer_id, description, amount)
        values (${draft.id}, 998, 'usage', ${invoicedCustomerId}, 'Late line', 2.00)`;
        wrote.open();
        await done.passed;
      });
      await wrote.passed;
      const issuing = issueInvoice(db(), { invoiceId: draft.id, actor: systemActor, today: TODAY });
      await someoneWaitsForALock();
      done.open();
      await writer;
      await issuing;
      expect(await linesOf(db(), draft.id)).toHaveLength(linesBefore + 1);
      const [issued] = await db().select().from(s.invoices).where(eq(s.invoices.id, draft.id));
      expect(issued?.status).toBe("issued");
    },
  );

  it.skipIf(onlyPostgres)(
    "a customer deleted while its first lines are being written is refused once they commit",
    async () => {
      const client = globalThis.testDb.sql;
      const draft = await freshDraft();
      const [invoiced] = await db().select().from(s.customers).where(eq(s.customers.id, invoicedCustomerId));
      const [newcomer] = await db()
        .insert(s.customers)
        .values({
          resellerId: invoiced!.resellerId,
          acronisTenantId: "00000000-0000-4000-8000-00000000cafe",
          name: "Newcomer",
        })
        .returning();
      const wrote = gate();
      const done = gate();
      const writer = client.begin(async (tx: postgres.TransactionSql) => {
        await tx`insert into invoice_lines (invoice_id, position, type, customer_id, description, amount)
        values (${draft.id}, 997, 'usage', ${newcomer!.id}, 'First line', 3.00)`;
        wrote.open();
        await done.passed;
      });
      await wrote.passed;
      const deleting = refusal(db().delete(s.customers).where(eq(s.customers.id, newcomer!.id)));
      await someoneWaitsForALock();
      done.open();
      await writer;
      expect(await deleting).toMatchObject({ code: "23503", constraint_name: CUSTOMER_FK });
      const lines = await linesOf(db(), draft.id);
      expect(lines.find((l) => l.position === 997)?.customerId).toBe(newcomer!.id);
    },
  );

  it.skipIf(onlyPostgres)(
    "a line removed while its invoice is being issued waits, then is refused",
    async () => {
      const draft = await freshDraft("2026-08");
      const linesBefore = await linesOf(db(), draft.id);
      const numbered = gate();
      const done = gate();
      const issuing = issueInvoice(db(), {
        invoiceId: draft.id,
        actor: systemActor,
        today: TODAY,
        insideIssue: async () => {
          numbered.open();
          await done.passed;
        },
      });
      await numbered.passed;
      const removing = refusal(db().delete(s.invoiceLines).where(eq(s.invoiceLines.id, linesBefore[0]!.id)));
      await someoneWaitsForALock();
      done.open();
      await issuing;
      expect((await removing).message).toContain("issued invoice can never change");
      expect(await linesOf(db(), draft.id)).toEqual(linesBefore);
    },
  );

  it.skipIf(onlyPostgres)(
    "a line added while its invoice is being issued waits, then is refused",
    async () => {
      const draft = await freshDraft("2026-07");
      const linesBefore = await linesOf(db(), draft.id);
      const numbered = gate();
      const done = gate();
      const issuing = issueInvoice(db(), {
        invoiceId: draft.id,
        actor: systemActor,
        today: TODAY,
        insideIssue: async () => {
          numbered.open();
          await done.passed;
        },
      });
      await numbered.passed;
      const adding = refusal(addLine(draft.id, invoicedCustomerId, 996));
      await someoneWaitsForALock();
      done.open();
      await issuing;
      expect((await adding).message).toContain("issued invoice can never change");
      expect(await linesOf(db(), draft.id)).toEqual(linesBefore);
    },
  );
});
