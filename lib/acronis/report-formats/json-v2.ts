import { z } from "zod";
import type { AcronisReportRow, AcronisUsageReportKind } from "../types";
import { normaliseRow, reportError } from "./row";

/** json_v2_0 `params.kind` numbers as documented (docs/ACRONIS.md "Usage reports"). */
export const JSON_V2_KIND_CODES: Record<AcronisUsageReportKind, number> = {
  usage_daily: 4,
  usage_summary: 5,
  usage_current: 8,
};

const KIND_BY_CODE = new Map(
  Object.entries(JSON_V2_KIND_CODES).map(([k, v]) => [v, k as AcronisUsageReportKind]),
);

const JsonV2Schema = z.object({
  params: z.looseObject({
    kind: z.int(),
    gen_date: z.number().nullish(),
    begin_date: z.number().nullish(),
    end_date: z.number().nullish(),
    group_id: z.number().nullish(),
    name: z.string().nullish(),
    report_level: z.number().nullish(),
    report_type: z.number().nullish(),
  }),
  tenants: z.array(z.record(z.string(), z.unknown())),
});

// Documented usage-object fields (GET /tenants/usages) standing in for the csv_v2_0 paths.
const FLAT_ALIASES: Record<string, string> = {
  "tenant.id": "tenant_uuid",
  "application.id": "application_id",
  "infra.id": "infra_id",
};

function at(row: Record<string, unknown>, path: string): unknown {
  let node: unknown = row;
  for (const key of path.split(".")) {
    if (node === null || typeof node !== "object" || Array.isArray(node)) return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}

const unixDay = (seconds: number | null | undefined) =>
  seconds === null || seconds === undefined ? null : new Date(seconds * 1000).toISOString().slice(0, 10);

export type JsonV2Report = {
  kind: AcronisUsageReportKind;
  from: string | null;
  to: string | null;
  rows: AcronisReportRow[];
};

export function parseJsonV2(text: string): JsonV2Report {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw reportError(
      "json_v2_0",
      null,
      `not valid JSON (${error instanceof Error ? error.message : error})`,
    );
  }
  const parsed = JsonV2Schema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw reportError("json_v2_0", `field ${issue.path.join(".") || "(root)"}`, issue.message, {
      issues: parsed.error.issues,
    });
  }
  const { params, tenants } = parsed.data;
  const kind = KIND_BY_CODE.get(params.kind);
  if (!kind) throw reportError("json_v2_0", "field params.kind", `unknown report kind ${params.kind}`);
  const from = unixDay(params.begin_date);
  const to = unixDay(params.end_date);
  const rows = tenants.map((row, i) => {
    const read = (path: string) => {
      let v = at(row, path);
      if (v === undefined && FLAT_ALIASES[path]) v = row[FLAT_ALIASES[path]];
      if (v !== null && typeof v === "object") return JSON.stringify(v);
      return v as string | number | boolean | null | undefined;
    };
    return normaliseRow(read, {
      format: "json_v2_0",
      where: `tenants[${i}]`,
      daily: kind === "usage_daily",
      fallbackRange: from && to ? { from, to } : null,
    });
  });
  return { kind, from, to, rows };
}
