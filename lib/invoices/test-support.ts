import { and, eq, gte, lt } from "drizzle-orm";
import type { Db } from "@/db/client";
import { contracts, customers, invoiceLines, invoices, skus, usageSnapshots } from "@/db/schema";
import { periodEnd, periodStart, type RatingInput, ratePeriod } from "@/lib/billing";
import { loadCatalogue } from "./catalogue-loader";
import { loadContractInputs } from "./contract-loader";

/**
 * The engine's own result for a contract, fed the RAW daily snapshots (not the loader's SQL aggregates), so
 * a test comparing it with the stored invoice proves the pre-aggregation changes nothing.
 */
export async function rateFromRawSnapshots(db: Db, contractId: string, period: string) {
  const [contract] = await db.select().from(contracts).where(eq(contracts.id, contractId));
  if (!contract) throw new Error("no contract");
  const catalogue = await loadCatalogue(db, period, [contract.currency]);
  const [loaded] = await loadContractInputs(db, catalogue, [contractId]);
  if (!loaded) throw new Error("not loaded");
  const raw = await db
    .select({
      customer: usageSnapshots.customerId,
      sku: skus.code,
      date: usageSnapshots.day,
      value: usageSnapshots.value,
    })
    .from(usageSnapshots)
    .innerJoin(customers, eq(customers.id, usageSnapshots.customerId))
    .innerJoin(skus, eq(skus.id, usageSnapshots.skuId))
    .where(
      and(
        eq(customers.resellerId, contract.resellerId),
        gte(usageSnapshots.day, periodStart(period)),
        lt(usageSnapshots.day, periodEnd(period)),
      ),
    );
  const input: RatingInput = { ...loaded.input, usage: raw };
  return {
    input,
    result: ratePeriod(input),
    aggregatedUsageRows: loaded.input.usage.length,
    rawRows: raw.length,
  };
}

export async function invoicesOf(db: Db, period: string) {
  return db.select().from(invoices).where(eq(invoices.period, period)).orderBy(invoices.contractId);
}

export async function linesOf(db: Db, invoiceId: string) {
  return db
    .select()
    .from(invoiceLines)
    .where(eq(invoiceLines.invoiceId, invoiceId))
    .orderBy(invoiceLines.position);
}

/** A minimal RFC 4180 reader for tests (quoted fields, doubled quotes), rows as header-keyed records. */
export function parseCsv(text: string): Record<string, string>[] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  const endField = () => {
    row.push(field);
    field = "";
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted && ch === '"' && text[i + 1] === '"') {
      field += '"';
      i++;
    } else if (ch === '"') quoted = !quoted;
    else if (quoted) field += ch;
    else if (ch === ",") endField();
    else if (ch === "\n") {
      endField();
      rows.push(row);
      row = [];
    } else if (ch !== "\r") field += ch;
  }
  if (field !== "" || row.length > 0) rows.push([...row, field]);
  const [header = [], ...body] = rows;
  return body.map((cells) => Object.fromEntries(header.map((name, i) => [name, cells[i] ?? ""])));
}
