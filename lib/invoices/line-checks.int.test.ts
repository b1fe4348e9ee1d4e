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

// The guarantees of invoice_lines' invoice and customer references (migration 0004: statement-level checks
// instead of per-row foreign keys), seen from the outside: bad lines are refused with the foreign-key error,
// drafts take their lines with them, invoiced customers and issued invoices stay put.

const db = () => globalThis.testDb.db;
const PERIOD = "2026-10";
const NO_SUCH_ID = "00000000-0000-4000-8000-00000000dead";

let draftId: string;
let issuedId: string;
let invoicedCustomerId: string;

/** The seed's today: last month is closed. */
const TODAY = "2026-11-24";

beforeAll(async () => {
  await seedDatabase(db(), { today: new Date("2026-11-24T00:00:00Z") });
  await startBillingRun(db(), { period: PERIOD, actor: systemActor, today: TODAY });
  const [first, second] = await invoicesOf(db(), PERIOD);
  draftId = first!.id;
  issuedId = second!.id;
  await issueInvoice(db(), { invoiceId: issuedId, actor: systemActor, today: TODAY });
  const line = (await linesOf(db(), draftId)).find((l) => l.customerId !== null);
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

/** A draft to work on: a new run drafts every contract that has no issued invoice yet. */
async function freshDraft() {
  await startBillingRun(db(), { period: PERIOD, actor: systemActor, today: TODAY });
  const [draft] = (await invoicesOf(db(), PERIOD)).filter((i) => i.status === "draft");
  if (!draft) throw new Error("no draft left to work on");
  return draft;
}

/** The database error behind drizzle's wrapper (its message and SQLSTATE). */
async function refusal(action: Promise<unknown>) {
  try {
    await action;
  } catch (error) {
    const cause = (error as { cause?: { message: string; code: string } }).cause ?? error;
    return cause as { message: string; code: string };
  }
  throw new Error("the database accepted it");
}

describe("invoice line references", () => {
  it("refuses a line of an invoice that does not exist, naming the key", async () => {
    const error = await refusal(addLine(NO_SUCH_ID, invoicedCustomerId));
    expect(error.code).toBe("23503");
    expect(error.message).toContain("invoice_lines_invoice_id_fkey");
  });

  it("refuses a line for a customer that does not exist", async () => {
    const error = await refusal(addLine(draftId, NO_SUCH_ID));
    expect(error.code).toBe("23503");
    expect(error.message).toContain("invoice_lines_customer_id_fkey");
  });

  it("refuses moving a line to a missing invoice or customer", async () => {
    const [line] = await linesOf(db(), draftId);
    const move = (set: Partial<typeof s.invoiceLines.$inferInsert>) =>
      refusal(db().update(s.invoiceLines).set(set).where(eq(s.invoiceLines.id, line!.id)));
    expect((await move({ invoiceId: NO_SUCH_ID })).code).toBe("23503");
    expect((await move({ customerId: NO_SUCH_ID })).code).toBe("23503");
    expect(await linesOf(db(), draftId)).toContainEqual(line);
  });

  it("takes lines for a draft, and a line without a customer (the top-up)", async () => {
    await addLine(draftId, invoicedCustomerId, 1001);
    await addLine(draftId, null, 1002);
    const positions = (await linesOf(db(), draftId)).map((l) => l.position);
    expect(positions).toEqual(expect.arrayContaining([1001, 1002]));
    await db().delete(s.invoiceLines).where(sql`invoice_id = ${draftId} and position > 1000`);
  });

  it("refuses any new line on an issued invoice", async () => {
    const error = await refusal(addLine(issuedId, invoicedCustomerId));
    expect(error.message).toContain("issued invoice can never change");
  });

  it("refuses deleting a customer that has invoice lines, or changing its id", async () => {
    const error = await refusal(db().delete(s.customers).where(eq(s.customers.id, invoicedCustomerId)));
    expect(error.code).toBe("23503");
    expect(error.message).toContain("invoice_lines_customer_id_fkey");
    const renamed = await refusal(
      db().update(s.customers).set({ id: NO_SUCH_ID }).where(eq(s.customers.id, invoicedCustomerId)),
    );
    expect(renamed.code).toBe("23503");
    const [still] = await db().select().from(s.customers).where(eq(s.customers.id, invoicedCustomerId));
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
    const error = await refusal(
      db().update(s.invoices).set({ id: NO_SUCH_ID }).where(eq(s.invoices.id, draftId)),
    );
    expect(error.code).toBe("23503");
  });

  it("deleting a draft deletes its lines, and only its lines", async () => {
    const before = Number((await db().select({ n: sql<number>`count(*)` }).from(s.invoiceLines))[0]?.n);
    const own = (await linesOf(db(), draftId)).length;
    expect(own).toBeGreaterThan(0);
    await db().delete(s.invoices).where(eq(s.invoices.id, draftId));
    expect(await linesOf(db(), draftId)).toEqual([]);
    const after = Number((await db().select({ n: sql<number>`count(*)` }).from(s.invoiceLines))[0]?.n);
    expect(after).toBe(before - own);
    expect((await linesOf(db(), issuedId)).length).toBeGreaterThan(0);
  });

  it("refuses emptying invoices or customers with TRUNCATE while lines still point at them", async () => {
    const invoices = await refusal(db().execute(sql`truncate invoices cascade`));
    expect(invoices.code).toBe("23503");
    expect(invoices.message).toContain('cannot truncate table "invoices"');
    const customers = await refusal(db().execute(sql`truncate customers cascade`));
    expect(customers.code).toBe("23503");
    expect((await linesOf(db(), issuedId)).length).toBeGreaterThan(0);
    // Truncated together with the lines, it is allowed (rolled back here).
    await db()
      .transaction(async (tx) => {
        await tx.execute(sql`truncate invoices, invoice_lines cascade`);
        tx.rollback();
      })
      .catch(() => {});
    expect((await linesOf(db(), issuedId)).length).toBeGreaterThan(0);
  });

  it("refuses deleting invoices or customers in a stricter isolation level than its checks can serve", async () => {
    const draft = await freshDraft();
    const error = await refusal(
      db().transaction((tx) => tx.delete(s.invoices).where(eq(s.invoices.id, draft.id)), {
        isolationLevel: "repeatable read",
      }),
    );
    expect(error.message).toContain("must run in READ COMMITTED");
    expect((await linesOf(db(), draft.id)).length).toBeGreaterThan(0);
  });

  it("issuing waits for lines still being written to the draft, and then includes them", async () => {
    if (globalThis.testEngine !== "postgresql") return; // PGlite runs one transaction at a time
    const client = globalThis.testDb.sql;
    const draft = await freshDraft();
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
  });

  it("a customer deleted while its first lines are being written is refused once they commit", async () => {
    if (globalThis.testEngine !== "postgresql") return; // PGlite runs one transaction at a time
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
    const error = await deleting;
    expect(error.code).toBe("23503");
    const lines = await linesOf(db(), draft.id);
    expect(lines.find((l) => l.position === 997)?.customerId).toBe(newcomer!.id);
  });

  it("a line removed while its invoice is being issued waits, then is refused", async () => {
    if (globalThis.testEngine !== "postgresql") return; // PGlite runs one transaction at a time
    const [draft] = (await invoicesOf(db(), PERIOD)).filter((i) => i.status === "draft");
    expect(draft).toBeDefined();
    const linesBefore = await linesOf(db(), draft!.id);
    const numbered = gate();
    const done = gate();
    const issuing = issueInvoice(db(), {
      invoiceId: draft!.id,
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
    expect(await linesOf(db(), draft!.id)).toEqual(linesBefore);
  });
});
