import "server-only";
import { createHash } from "node:crypto";
import { CsvError, parse } from "csv-parse/sync";
import { stringify } from "csv-stringify/sync";
import type { Db, DbOrTx } from "@/db/client";
import type { Actor } from "@/lib/audit";
import { AppError } from "@/lib/errors/app-error";
import { BOOK_CURRENCIES, checkAmount, isBookCurrency, plainAmount } from "./amounts";
import { applyBookChanges, type BookCatalogue, changesTo, loadBookCatalogue, readBookCells } from "./book";
import { type BookCells, type CellChange, type ChangeSummary, cellKey, summariseChanges } from "./cells";
import { getVersion } from "./versions";

/**
 * A whole price version as CSV: one row per cell, `kind,tier,sku,currency,amount` with kind `commitment`
 * (sku empty) or `price`. Import validates every line (the header is line 1), previews what changes and
 * applies all of it or nothing.
 */
export const CSV_HEADER = ["kind", "tier", "sku", "currency", "amount"] as const;

/** The version's CSV: commitments per tier, then prices per service and tier, currencies in list order. */
export async function exportVersionCsv(db: DbOrTx, versionId: string, today: string) {
  const version = await getVersion(db, versionId, today);
  const [catalogue, cells] = await Promise.all([loadBookCatalogue(db), readBookCells(db, versionId)]);
  const rows: string[][] = [];
  for (const tier of catalogue.tiers) {
    for (const currency of BOOK_CURRENCIES) {
      const amount = cells.get(cellKey({ kind: "commitment", tier: tier.code, sku: null, currency }));
      if (amount !== undefined) rows.push(["commitment", tier.code, "", currency, plainAmount(amount)]);
    }
  }
  for (const sku of catalogue.skus) {
    for (const tier of catalogue.tiers) {
      for (const currency of BOOK_CURRENCIES) {
        const amount = cells.get(cellKey({ kind: "price", tier: tier.code, sku: sku.code, currency }));
        if (amount !== undefined) rows.push(["price", tier.code, sku.code, currency, plainAmount(amount)]);
      }
    }
  }
  return {
    filename: `price-book-${version.effectiveFrom}.csv`,
    csv: stringify([[...CSV_HEADER], ...rows]),
  };
}

export type CsvLineError = { line: number | null; message: string };

/** Reads a price-book CSV against the catalogue: the cells, or every error with its line number. */
export function parseVersionCsv(
  text: string,
  catalogue: BookCatalogue,
): { ok: true; cells: BookCells } | { ok: false; errors: CsvLineError[] } {
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, {
      bom: true,
      info: true,
      relax_column_count: true,
      skip_empty_lines: true,
      trim: true,
    }) as unknown as { record: string[]; info: { lines: number } }[];
  } catch (error) {
    if (error instanceof CsvError) {
      const line = (error as CsvError & { lines?: number }).lines ?? null;
      return {
        ok: false,
        errors: [{ line, message: `unreadable CSV (${error.message.replace(/^.*?: /, "")})` }],
      };
    }
    throw error;
  }
  const [head, ...body] = records;
  const expected = CSV_HEADER.join(",");
  if (!head || head.record.map((h) => h.toLowerCase()).join(",") !== expected) {
    return {
      ok: false,
      errors: [{ line: head?.info.lines ?? 1, message: `the header must be ${expected}` }],
    };
  }
  if (body.length === 0)
    return { ok: false, errors: [{ line: null, message: "the file has no rows after the header" }] };
  const tierCodes = new Set(catalogue.tiers.map((t) => t.code));
  const skuCodes = new Set(catalogue.skus.map((k) => k.code));
  const errors: CsvLineError[] = [];
  const cells: BookCells = new Map();
  const lineOf = new Map<string, number>();
  // Tiers with a USD commitment line, valid or not (a bad one is reported on its own line).
  const usdCommitmentLines = new Set<string>();
  for (const { record, info } of body) {
    const line = info.lines;
    const fail = (message: string) => errors.push({ line, message });
    if (record.length !== CSV_HEADER.length) {
      fail(`expected ${CSV_HEADER.length} columns (${expected}), found ${record.length}`);
      continue;
    }
    const [kindRaw = "", tier = "", sku = "", currencyRaw = "", amountRaw = ""] = record;
    const kind = kindRaw.toLowerCase();
    const currency = currencyRaw.toUpperCase();
    if (kind !== "price" && kind !== "commitment") {
      fail(`kind “${kindRaw}” is neither price nor commitment`);
      continue;
    }
    if (kind === "commitment" && currency === "USD") usdCommitmentLines.add(tier);
    const problems: string[] = [];
    if (!tierCodes.has(tier)) problems.push(tier ? `unknown tier “${tier}”` : "the tier is missing");
    if (kind === "price" && !skuCodes.has(sku))
      problems.push(sku ? `unknown service “${sku}”` : "the service (sku) is missing");
    if (kind === "commitment" && sku)
      problems.push(`a commitment has no service; leave sku empty (found “${sku}”)`);
    if (!isBookCurrency(currency)) {
      problems.push(`currency “${currencyRaw}” is not a price-list currency (${BOOK_CURRENCIES.join(", ")})`);
    }
    const amount = checkAmount(amountRaw);
    if (!amount.ok) problems.push(amount.message);
    if (problems.length > 0 || !amount.ok) {
      fail(problems.join("; "));
      continue;
    }
    const key = cellKey({ kind, tier, sku: kind === "price" ? sku : null, currency });
    const first = lineOf.get(key);
    if (first !== undefined) {
      fail(`duplicates line ${first} (same kind, tier, sku and currency)`);
      continue;
    }
    lineOf.set(key, line);
    cells.set(key, amount.value);
  }
  for (const tier of catalogue.tiers) {
    if (!usdCommitmentLines.has(tier.code)) {
      errors.push({
        line: null,
        message: `tier ${tier.code} has no USD commitment row (every tier needs one)`,
      });
    }
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, cells };
}

export type ImportPreview = {
  changes: CellChange[];
  summary: ChangeSummary;
  /** Names exactly this change set on this book: the confirm step applies only what was previewed. */
  fingerprint: string;
};

function fingerprintOf(versionId: string, changes: readonly CellChange[]): string {
  return createHash("sha256")
    .update(JSON.stringify([versionId, changes]))
    .digest("hex");
}

const MAX_LISTED_ERRORS = 50;

/** A refusal naming each bad line (the first 50), nothing imported. */
function refusal(errors: readonly CsvLineError[]): AppError {
  const listed = errors
    .slice(0, MAX_LISTED_ERRORS)
    .map((e) => (e.line === null ? `Whole file: ${e.message}.` : `Line ${e.line}: ${e.message}.`));
  if (errors.length > MAX_LISTED_ERRORS) listed.push(`… and ${errors.length - MAX_LISTED_ERRORS} more.`);
  const first = errors[0];
  const where = first?.line ? ` (first at line ${first.line})` : "";
  return new AppError(
    "validation",
    `The CSV has ${errors.length} error${errors.length === 1 ? "" : "s"}${where}; nothing was imported.`,
    { csv: listed },
  );
}

async function lockedRefusal(db: DbOrTx, versionId: string, today: string) {
  const version = await getVersion(db, versionId, today);
  if (version.lockedPeriod) {
    throw new AppError(
      "conflict",
      `This version priced issued invoices for ${version.lockedPeriod}; make a new version and import there.`,
    );
  }
}

/** Validates a CSV and returns what importing it would change in the version; stores nothing. */
export async function previewImport(
  db: DbOrTx,
  input: { versionId: string; csv: string; today: string },
): Promise<ImportPreview> {
  await lockedRefusal(db, input.versionId, input.today);
  const parsed = parseVersionCsv(input.csv, await loadBookCatalogue(db));
  if (!parsed.ok) throw refusal(parsed.errors);
  const changes = changesTo(await readBookCells(db, input.versionId), parsed.cells);
  return {
    changes,
    summary: summariseChanges(changes),
    fingerprint: fingerprintOf(input.versionId, changes),
  };
}

/** Applies a previewed import: all of it in one transaction (audited), or nothing when anything moved since. */
export async function applyImport(
  db: Db,
  input: { versionId: string; csv: string; fingerprint: string; today: string },
  actor: Actor,
): Promise<{ applied: number }> {
  const preview = await previewImport(db, input);
  if (preview.fingerprint !== input.fingerprint) {
    throw new AppError(
      "conflict",
      "The price book changed since this preview. Nothing was imported; preview the file again.",
    );
  }
  // applyBookChanges re-checks every `from` inside its transaction, so a change in between still refuses.
  return applyBookChanges(
    db,
    { versionId: input.versionId, changes: preview.changes, today: input.today, source: "csv" },
    actor,
  );
}
