import "server-only";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { sql } from "drizzle-orm";
import type postgres from "postgres";
import type { DbOrTx, Tx } from "@/db/client";
import { REVERSE_CHARGE_NOTE } from "@/lib/taxes/note";
import { newLineId } from "./line-ids";
import { Dictionary, toPgArray } from "./pg-array";
import type { RatedContract } from "./rate-contracts";

type WriteDraftsInput = {
  runId: string | null;
  period: string;
  invoiceDate: string;
  rated: readonly RatedContract[];
  /** Drafts of contracts that are no longer billable for the period: deleted. */
  staleDraftIds: readonly string[];
  /** Drafts being rewritten: their lines are deleted first, the invoice row is updated in place. */
  replacedDraftIds: readonly string[];
  /** Lines through COPY (see `acceptsCopy`), else one `unnest` insert. */
  copy: boolean;
};

/**
 * Writes one batch of drafts with three set-based statements: delete stale lines, upsert the invoices
 * (a draft keeps its id; an issued invoice is never touched, the upsert's WHERE guards it too), then every
 * line of the batch in one `COPY … FROM STDIN` (PostgreSQL) or one `unnest` insert (the embedded PGlite,
 * whose wire protocol does not take COPY data). Returns the number of lines written.
 */
export async function writeDrafts(tx: Tx, input: WriteDraftsInput): Promise<number> {
  if (input.staleDraftIds.length > 0) {
    await tx.execute(sql`delete from invoices
      where id = any(${toPgArray(input.staleDraftIds)}::uuid[]) and status = 'draft'`);
  }
  if (input.replacedDraftIds.length > 0) {
    await tx.execute(
      sql`delete from invoice_lines where invoice_id = any(${toPgArray(input.replacedDraftIds)}::uuid[])`,
    );
  }
  if (input.rated.length === 0) return 0;

  const col = <T extends string | number | boolean | null>(pick: (r: RatedContract) => T) =>
    toPgArray(input.rated.map(pick));
  const rows = await tx.execute<{ id: string; contract_id: string }>(sql`
    insert into invoices (contract_id, reseller_id, billing_run_id, period, currency, invoice_date, tier_code,
      tier_name, cycle, active_days, period_days, commitment, consumption, top_up, ramp_up_waived, ramp_up_cycle,
      ramp_up_cycles, subtotal, tax_rate_percent, tax, total, tax_note, fx_from, fx_to, fx_rate, fx_date, fx_source)
    select x.contract_id, x.reseller_id, ${input.runId}::uuid, ${input.period}, x.currency, ${input.invoiceDate}::date,
      x.tier_code, x.tier_name, x.cycle, x.active_days, x.period_days, x.commitment, x.consumption, x.top_up,
      x.ramp_up_waived, x.ramp_up_cycle, x.ramp_up_cycles, x.subtotal, x.tax_rate_percent, x.tax, x.total,
      -- The reverse-charge note (domain.md §2.4) of a reverse-charged reseller, only on an untaxed invoice
      -- (a rate changed between loading and writing never gets the note beside a tax).
      (select ${REVERSE_CHARGE_NOTE}::text from resellers r
        where r.id = x.reseller_id and r.reverse_charge and x.tax_rate_percent = 0),
      x.fx_from, x.fx_to, x.fx_rate, x.fx_date, x.fx_source
    from unnest(
      ${col((r) => r.loaded.contractId)}::uuid[], ${col((r) => r.loaded.resellerId)}::uuid[],
      ${col((r) => r.result.currency)}::text[], ${col((r) => r.result.tier)}::text[], ${col((r) => r.tierName)}::text[],
      ${col((r) => r.result.cycle)}::int[], ${col((r) => r.result.activeDays)}::int[],
      ${col((r) => r.result.periodDays)}::int[], ${col((r) => r.result.commitment)}::numeric[],
      ${col((r) => r.result.consumption)}::numeric[], ${col((r) => r.result.topUp)}::numeric[],
      ${col((r) => r.result.rampUpWaived)}::boolean[],
      ${col((r) => (r.result.rampUpWaived ? r.result.cycle : null))}::int[],
      ${col((r) => r.loaded.input.contract.rampUpCycles)}::int[], ${col((r) => r.result.subtotal)}::numeric[],
      ${col((r) => r.result.taxRatePercent)}::numeric[], ${col((r) => r.result.tax)}::numeric[],
      ${col((r) => r.result.total)}::numeric[], ${col((r) => r.fx?.from ?? null)}::text[],
      ${col((r) => r.fx?.to ?? null)}::text[], ${col((r) => r.fx?.rate ?? null)}::numeric[],
      ${col((r) => r.fx?.date ?? null)}::date[], ${col((r) => r.fx?.source ?? null)}::text[]
    ) as x(contract_id, reseller_id, currency, tier_code, tier_name, cycle, active_days, period_days, commitment,
      consumption, top_up, ramp_up_waived, ramp_up_cycle, ramp_up_cycles, subtotal, tax_rate_percent, tax, total,
      fx_from, fx_to, fx_rate, fx_date, fx_source)
    on conflict on constraint invoices_contract_period_key do update set
      reseller_id = excluded.reseller_id, billing_run_id = excluded.billing_run_id, currency = excluded.currency,
      invoice_date = excluded.invoice_date, tier_code = excluded.tier_code, tier_name = excluded.tier_name,
      cycle = excluded.cycle, active_days = excluded.active_days, period_days = excluded.period_days,
      commitment = excluded.commitment, consumption = excluded.consumption, top_up = excluded.top_up,
      ramp_up_waived = excluded.ramp_up_waived, ramp_up_cycle = excluded.ramp_up_cycle,
      ramp_up_cycles = excluded.ramp_up_cycles, subtotal = excluded.subtotal,
      tax_rate_percent = excluded.tax_rate_percent, tax = excluded.tax, total = excluded.total,
      tax_note = excluded.tax_note, fx_from = excluded.fx_from, fx_to = excluded.fx_to, fx_rate = excluded.fx_rate, fx_date = excluded.fx_date,
      fx_source = excluded.fx_source, updated_at = now()
    where invoices.status = 'draft'
    returning id, contract_id`);

  const invoiceIdByContract = new Map([...rows].map((row) => [row.contract_id, row.id]));
  return input.copy
    ? copyLines(clientOf(tx), input.rated, invoiceIdByContract)
    : insertLines(tx, input.rated, invoiceIdByContract);
}

/** The postgres.js transaction under a drizzle one (COPY is not part of drizzle's API). */
function clientOf(tx: Tx): postgres.TransactionSql {
  return (tx as unknown as { session: { client: postgres.TransactionSql } }).session.client;
}

/** PostgreSQL takes COPY FROM STDIN; PGlite behind lib/runtime/pglite-server.ts does not. Ask once per run. */
export async function acceptsCopy(db: DbOrTx): Promise<boolean> {
  const [row] = await db.execute<{ version: string }>(sql`select version() as version`);
  return !String(row?.version).includes("PGlite");
}

const COPY_CHUNK_BYTES = 256 * 1024;

/**
 * Every line of the batch through one COPY in text format, streamed in chunks of about 256 KB (the
 * socket's backpressure is respected by the pipeline), so no statement text or parameter holds the batch.
 */
async function copyLines(
  client: postgres.TransactionSql,
  rated: readonly RatedContract[],
  invoiceIds: Map<string, string>,
): Promise<number> {
  const counter = { lines: 0 };
  await copyFrom(
    client`copy invoice_lines (id, invoice_id, position, type, customer_id, customer_name, sku_code,
      description, unit, quantity, unit_price, amount, unit_cost, cost_amount) from stdin`,
    copyChunks(rated, invoiceIds, counter),
  );
  return counter.lines;
}

/**
 * The COPY text of a batch's lines (columns as in `copyLines`), in chunks of about 256 KB. The columns a
 * contract's lines share — the invoice, a customer's id and name, a SKU's code, description and unit — are
 * escaped and joined once per contract, not once per line.
 * Line ids, on both paths, are UUIDv7 from `newLineId` (line-ids.ts), ascending, not the column's random default.
 */
export function* copyChunks(
  rated: readonly RatedContract[],
  invoiceIds: Map<string, string>,
  counter: { lines: number },
): Generator<string> {
  let rows: string[] = [];
  let size = 0;
  for (const contract of rated) {
    const invoiceId = invoiceIds.get(contract.loaded.contractId);
    if (!invoiceId) continue;
    const customerColumns = new Map<string | null, { name: string | null; text: string }>();
    const skuColumns = new Map<string | null, { description: string; unit: string | null; text: string }>();
    for (const line of contract.lines) {
      let customer = customerColumns.get(line.customerId);
      if (customer?.name !== line.customerName) {
        const text = `${line.customerId ?? "\\N"}\t${copyText(line.customerName)}`;
        customer = { name: line.customerName, text };
        customerColumns.set(line.customerId, customer);
      }
      let sku = skuColumns.get(line.skuCode);
      if (sku?.description !== line.description || sku.unit !== line.unit) {
        const text = `${copyText(line.skuCode)}\t${copyText(line.description)}\t${copyText(line.unit)}`;
        sku = { description: line.description, unit: line.unit, text };
        skuColumns.set(line.skuCode, sku);
      }
      const row = `${newLineId()}\t${invoiceId}\t${line.position}\t${line.type}\t${customer.text}\t${sku.text}\t${line.quantity ?? "\\N"}\t${line.unitPrice ?? "\\N"}\t${line.amount}\t${line.unitCost ?? "\\N"}\t${line.costAmount ?? "\\N"}\n`;
      rows.push(row);
      size += row.length;
      counter.lines += 1;
    }
    if (size >= COPY_CHUNK_BYTES) {
      yield rows.join("");
      rows = [];
      size = 0;
    }
  }
  if (rows.length > 0) yield rows.join("");
}

/** Streams `chunks` (COPY text) into a `copy … from stdin` query; rejects with the server's error. */
export async function copyFrom(
  query: postgres.PendingQuery<postgres.Row[]>,
  chunks: Iterable<string | Uint8Array>,
): Promise<void> {
  const failed = serverErrorOf(query);
  const writable = await query.writable();
  await Promise.race([pipeline(Readable.from(chunks, { objectMode: false }), writable), failed]);
}

/**
 * Rejects with the server's error for a COPY. postgres.js 3.4 never settles the writable when the server
 * rejects the data after the last chunk (a constraint, a foreign key or the issued-invoice guard, all
 * checked at the end of the statement): https://github.com/porsager/postgres/issues/1173. It does hand the
 * error to the query's `reject`, so that is where it is caught; the transaction then rolls back as usual.
 */
function serverErrorOf(query: postgres.PendingQuery<postgres.Row[]>): Promise<never> {
  const pending = query as unknown as { reject: (error: unknown) => void };
  const settle = pending.reject;
  const failed = new Promise<never>((_, reject) => {
    pending.reject = (error) => {
      reject(error);
      settle(error);
    };
  });
  failed.catch(() => {});
  return failed;
}

const COPY_SPECIAL = /[\\\t\n\r]/;

/** A text value in COPY text format: NULL is \N; backslash, tab, newline and carriage return escaped. */
export function copyText(value: string | null): string {
  if (value === null) return "\\N";
  if (!COPY_SPECIAL.test(value)) return value;
  return value.replace(/[\\\t\n\r]/g, (ch) =>
    ch === "\\" ? "\\\\" : ch === "\t" ? "\\t" : ch === "\n" ? "\\n" : "\\r",
  );
}

// Line columns as sent: the id, dictionary refs (i, c, t, k, d, u), the position and the five decimals.
const LINE_COLUMNS = ["id", "i", "pos", "c", "t", "k", "d", "u", "q", "p", "a", "uc", "ca"] as const;

/**
 * Every line of the batch in one statement. Repeated values (invoice and customer ids, names, SKU codes,
 * descriptions, units) travel once, in dictionaries, and each line carries small integers into them: the
 * payload shrinks about threefold (moving it is a large part of a bulk insert's cost).
 */
async function insertLines(tx: Tx, rated: readonly RatedContract[], invoiceIds: Map<string, string>) {
  const invoices = new Dictionary();
  const customers = new Dictionary();
  const customerNames: string[] = [];
  const texts = new Dictionary();
  const cols = Object.fromEntries(LINE_COLUMNS.map((name) => [name, []])) as unknown as Record<
    (typeof LINE_COLUMNS)[number],
    (string | number | null)[]
  >;
  for (const contract of rated) {
    const invoiceId = invoiceIds.get(contract.loaded.contractId);
    if (!invoiceId) continue;
    const i = invoices.ref(invoiceId);
    for (const line of contract.lines) {
      const known = customers.values.length;
      const c = customers.ref(line.customerId);
      if (customers.values.length > known) customerNames.push(line.customerName ?? "");
      cols.id.push(newLineId());
      cols.i.push(i);
      cols.pos.push(line.position);
      cols.c.push(c);
      cols.t.push(texts.ref(line.type));
      cols.k.push(texts.ref(line.skuCode));
      cols.d.push(texts.ref(line.description));
      cols.u.push(texts.ref(line.unit));
      cols.q.push(line.quantity);
      cols.p.push(line.unitPrice);
      cols.a.push(line.amount);
      cols.uc.push(line.unitCost);
      cols.ca.push(line.costAmount);
    }
  }
  const count = cols.i.length;
  if (count === 0) return 0;
  const col = (name: keyof typeof cols) => toPgArray(cols[name], true);
  await tx.execute(sql`
    with inv as (select * from unnest(${toPgArray(invoices.values, true)}::uuid[]) with ordinality as v(id, n)),
      cust as (select * from unnest(${toPgArray(customers.values, true)}::uuid[], ${toPgArray(customerNames)}::text[])
        with ordinality as v(id, name, n)),
      txt as (select * from unnest(${toPgArray(texts.values)}::text[]) with ordinality as v(value, n))
    insert into invoice_lines (id, invoice_id, position, type, customer_id, customer_name, sku_code, description,
      unit, quantity, unit_price, amount, unit_cost, cost_amount)
    select x.id, inv.id, x.pos, t.value::invoice_line_type, cust.id, cust.name, k.value, d.value, u.value,
      x.q, x.p, x.a, x.uc, x.ca
    from unnest(${col("id")}::uuid[], ${col("i")}::int[], ${col("pos")}::int[], ${col("c")}::int[], ${col("t")}::int[], ${col("k")}::int[],
      ${col("d")}::int[], ${col("u")}::int[], ${col("q")}::numeric[], ${col("p")}::numeric[], ${col("a")}::numeric[],
      ${col("uc")}::numeric[], ${col("ca")}::numeric[]) as x(id, i, pos, c, t, k, d, u, q, p, a, uc, ca)
    join inv on inv.n = x.i
    join txt t on t.n = x.t
    join txt d on d.n = x.d
    left join cust on cust.n = x.c
    left join txt k on k.n = x.k
    left join txt u on u.n = x.u`);
  return count;
}
