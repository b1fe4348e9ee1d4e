// Parsers for the two usage-report formats meant for automation (docs/ACRONIS.md "Usage reports").
import { gunzipSync } from "node:zlib";
import type { AcronisUsageReport, AcronisUsageReportFormat, AcronisUsageReportKind } from "../types";
import { parseCsvV2 } from "./csv-v2";
import { parseJsonV2 } from "./json-v2";
import { reportError } from "./row";

export { CSV_V2_REQUIRED_COLUMNS } from "./csv-v2";
export { JSON_V2_KIND_CODES } from "./json-v2";

/** What was asked for: a csv_v2_0 file does not say its kind or period, a json_v2_0 file must agree. */
export type ExpectedReport = { kind: AcronisUsageReportKind; from?: string | null; to?: string | null };

function decode(format: AcronisUsageReportFormat, file: Buffer | string): string {
  if (typeof file === "string") return file;
  if (file[0] !== 0x1f || file[1] !== 0x8b) return file.toString("utf8");
  try {
    return gunzipSync(file).toString("utf8");
  } catch (error) {
    throw reportError(format, null, `broken gzip (${error instanceof Error ? error.message : error})`);
  }
}

/** Parses a stored report (gzip or plain); every row or a clear AcronisError, never a silently lost row. */
export function parseUsageReport(
  file: Buffer | string,
  format: AcronisUsageReportFormat,
  expected: ExpectedReport,
): AcronisUsageReport {
  const text = decode(format, file);
  if (format === "csv_v2_0") {
    const from = expected.from ?? null;
    const to = expected.to ?? null;
    const rows = parseCsvV2(text, {
      daily: expected.kind === "usage_daily",
      fallbackRange: from && to ? { from, to } : null,
    });
    return { format, kind: expected.kind, from, to, rows };
  }
  const report = parseJsonV2(text);
  if (report.kind !== expected.kind) {
    throw reportError(
      format,
      "field params.kind",
      `the file is a ${report.kind} report, ${expected.kind} was asked`,
    );
  }
  return { format, ...report };
}
