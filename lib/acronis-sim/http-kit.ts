import type { IncomingHttpHeaders } from "node:http";
import type { z } from "zod";
import { UUID_RE } from "./util";

export type SimRequest = {
  method: string;
  path: string;
  params: Record<string, string>;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: Buffer;
};

export type SimResponse = {
  status: number;
  json?: unknown;
  raw?: Buffer;
  headers?: Record<string, string>;
};

const MESSAGES: Record<number, string> = {
  400: "Bad Request",
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not Found",
  405: "Method Not Allowed",
  406: "Not Acceptable",
  409: "Conflict",
  415: "Unsupported Media Type",
  426: "Upgrade Required",
  429: "Too Many Requests",
  500: "Internal Server Error",
  502: "Bad Gateway",
  503: "Service Unavailable",
  504: "Gateway Timeout",
};

export const statusMessage = (status: number): string => MESSAGES[status] ?? "Error";

type EnvelopeOptions = { code?: number | string; message?: string; context?: Record<string, unknown> };

/** The standard error envelope (acronis-api.md §11.1). */
export function errorEnvelope(status: number, info: string | null, opts: EnvelopeOptions = {}) {
  return {
    error: {
      code: opts.code ?? status,
      message: opts.message ?? statusMessage(status),
      domain: "PlatformAccountServer",
      details: { info },
      context: opts.context ?? {},
    },
  };
}

/** Thrown by handlers; the server turns it into a response. */
export class SimHttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
    readonly headers: Record<string, string> = {},
  ) {
    super(`HTTP ${status}`);
  }
}

export function apiError(status: number, info: string | null, opts: EnvelopeOptions = {}): SimHttpError {
  return new SimHttpError(status, errorEnvelope(status, info, opts));
}

/** Acronis platform error codes (developer.acronis.com account API "API error codes"; docs/ACRONIS.md). */
export const ERROR_CODES = { versionMismatch: 1001, tenantNameConflict: 1004 } as const;

/** A write carried a stale `version`: 409 with error.code 1001 ("Version mismatch"). */
export function versionConflict(info: string, context: Record<string, unknown> = {}): SimHttpError {
  return apiError(409, info, { code: ERROR_CODES.versionMismatch, message: "Version mismatch", context });
}

/** A sibling already has this name: 409 with error.code 1004 ("Tenant name conflict"). */
export function nameConflict(info: string): SimHttpError {
  return apiError(409, info, { code: ERROR_CODES.tenantNameConflict, message: "Tenant name conflict" });
}

export const ok = (json: unknown, status = 200): SimResponse => ({ status, json });
export const noContent = (): SimResponse => ({ status: 204 });

function contentType(req: SimRequest): string {
  return String(req.headers["content-type"] ?? "")
    .split(";")[0]!
    .trim()
    .toLowerCase();
}

export function requireContentType(req: SimRequest, expected: string): void {
  if (contentType(req) !== expected) {
    throw apiError(415, `Content-Type must be ${expected}.`);
  }
}

/** JSON body: 415 on a wrong content type, 400 on malformed JSON. */
export function readJson(req: SimRequest, opts: { allowEmpty?: boolean } = {}): unknown {
  requireContentType(req, "application/json");
  const text = req.body.toString("utf8").trim();
  if (text === "") {
    if (opts.allowEmpty) return {};
    throw apiError(400, "Request body is required.");
  }
  try {
    return JSON.parse(text);
  } catch {
    throw apiError(400, "Request body is not valid JSON.");
  }
}

function describeIssue(issue: z.core.$ZodIssue): string {
  const where = issue.path.length > 0 ? issue.path.join(".") : "body";
  if (issue.code === "unrecognized_keys") {
    return `Additional properties are not allowed in '${where}': ${issue.keys.map((k) => `'${k}'`).join(", ")}.`;
  }
  return `Field '${where}' has an invalid value: ${issue.message}.`;
}

export function parseWith<T>(schema: z.ZodType<T>, value: unknown): T {
  const result = schema.safeParse(value);
  if (!result.success) {
    throw apiError(400, result.error.issues.map(describeIssue).join(" "));
  }
  return result.data;
}

export function readBody<T>(req: SimRequest, schema: z.ZodType<T>, opts: { allowEmpty?: boolean } = {}): T {
  return parseWith(schema, readJson(req, opts));
}

export function requireUuid(value: string, name: string): string {
  if (!UUID_RE.test(value)) {
    throw apiError(
      400,
      `Parameter '${name}' does not match pattern '^[0-9a-f]{8}-([0-9a-f]{4}-){3}[0-9a-f]{12}$'.`,
    );
  }
  return value;
}

export function queryBool(req: SimRequest, name: string): boolean {
  const v = req.query.get(name);
  return v === "true" || v === "1" || v === "yes";
}

export function queryInt(req: SimRequest, name: string, opts: { min?: number; max?: number } = {}) {
  const raw = req.query.get(name);
  if (raw === null || raw === "") return undefined;
  const n = Number(raw);
  if (
    !Number.isInteger(n) ||
    (opts.min !== undefined && n < opts.min) ||
    (opts.max !== undefined && n > opts.max)
  ) {
    throw apiError(400, `Query parameter '${name}' has an invalid value '${raw}'.`);
  }
  return n;
}

export function queryList(req: SimRequest, name: string): string[] | undefined {
  const raw = req.query.get(name);
  if (raw === null) return undefined;
  return raw
    .split(",")
    .map((s) => s.trim())
    .filter((s) => s !== "");
}

export function queryUuidList(req: SimRequest, name: string): string[] | undefined {
  const list = queryList(req, name);
  for (const id of list ?? []) requireUuid(id, name);
  return list;
}
