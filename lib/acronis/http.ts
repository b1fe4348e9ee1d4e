import type { z } from "zod";
import { AcronisError, describeAcronisCode, isRetryableStatus } from "./errors";
import { ErrorEnvelopeSchema, TokenErrorSchema } from "./schemas";

export type FetchLike = (input: string, init: RequestInit) => Promise<Response>;

export type HttpOptions = {
  /** `https://dc.example/api/2` */
  apiBase: string;
  fetch: FetchLike;
  sleep: (ms: number) => Promise<void>;
  timeoutMs: number;
  maxRetries: number;
  retryBaseMs: number;
  retryMaxMs: number;
  maxRetryAfterMs: number;
  random: () => number;
  now: () => number;
};

export type TokenSource = { get(): Promise<string>; invalidate(token: string): void };

export type Query = Record<string, string | number | boolean | string[] | null | undefined>;

/** Marker for "JSON content type, empty body" (send-activation-email). */
export const EMPTY_JSON = Symbol("empty-json");

export type Call = {
  method: "GET" | "POST" | "PUT" | "DELETE";
  path: string;
  query?: Query;
  json?: unknown;
  form?: Record<string, string>;
  headers?: Record<string, string>;
  /** Default true: send the bearer token and re-issue it once on 401. */
  auth?: boolean;
};

export type Http = {
  json<T>(call: Call, schema: z.ZodType<T>): Promise<T>;
  send(call: Call): Promise<number>;
  binary(call: Call): Promise<Buffer>;
};

type Raw = { status: number; body: Buffer };

export function parseRetryAfter(value: string | null, nowMs: number): number | null {
  if (!value) return null;
  const text = value.trim();
  if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
  const at = Date.parse(text);
  return Number.isNaN(at) ? null : Math.max(0, at - nowMs);
}

function buildUrl(apiBase: string, call: Call): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(call.query ?? {})) {
    if (value === undefined || value === null) continue;
    params.set(key, Array.isArray(value) ? value.join(",") : String(value));
  }
  const qs = params.toString();
  return `${apiBase}${call.path}${qs ? `?${qs}` : ""}`;
}

function codeNote(code: string | number | null): string {
  if (code === null) return "";
  const meaning = describeAcronisCode(code);
  return meaning ? ` (code ${code}: ${meaning})` : ` (code ${code})`;
}

function httpError(call: Call, status: number, body: Buffer): AcronisError {
  let code: string | number | null = null;
  let domain: string | null = null;
  let info: string | null = null;
  let details: unknown;
  try {
    const json: unknown = JSON.parse(body.toString("utf8"));
    const envelope = ErrorEnvelopeSchema.safeParse(json);
    const tokenError = TokenErrorSchema.safeParse(json);
    if (envelope.success) {
      const e = envelope.data.error;
      code = e.code ?? null;
      domain = e.domain ?? null;
      info = typeof e.details?.info === "string" ? e.details.info : (e.message ?? null);
      details = { info: e.details?.info ?? null, context: e.context ?? null };
    } else if (tokenError.success) {
      code = tokenError.data.error;
      info = tokenError.data.error_description ?? tokenError.data.error;
    }
  } catch {
    // Not JSON (a proxy error page, say): the status says enough.
  }
  return new AcronisError({
    kind: "http",
    status,
    code,
    domain,
    details,
    retryable: isRetryableStatus(status),
    method: call.method,
    path: call.path,
    message: `Acronis ${call.method} ${call.path} failed with HTTP ${status}${codeNote(code)}${info ? `: ${info}` : ""}`,
  });
}

function transportError(call: Call, error: unknown, timeoutMs: number): AcronisError {
  const name = error instanceof Error ? error.name : "";
  const timedOut = name === "TimeoutError" || name === "AbortError";
  return new AcronisError({
    kind: timedOut ? "timeout" : "network",
    retryable: true,
    method: call.method,
    path: call.path,
    cause: error,
    message: timedOut
      ? `Acronis ${call.method} ${call.path} timed out after ${timeoutMs} ms`
      : `Acronis ${call.method} ${call.path} failed: ${error instanceof Error ? error.message : String(error)}`,
  });
}

function validationError(call: Call, status: number, message: string, details?: unknown): AcronisError {
  return new AcronisError({
    kind: "validation",
    status,
    method: call.method,
    path: call.path,
    details,
    message: `Unexpected response from Acronis ${call.method} ${call.path}: ${message}`,
  });
}

/** The one fetch wrapper: timeouts, retries with backoff, 401 → fresh token, error mapping. */
export function createHttp(opts: HttpOptions, tokens: () => TokenSource): Http {
  const backoff = (attempt: number) => {
    const ceiling = Math.min(opts.retryMaxMs, opts.retryBaseMs * 2 ** attempt);
    return Math.round(ceiling / 2 + (opts.random() * ceiling) / 2);
  };

  async function exchange(call: Call): Promise<Raw> {
    const url = buildUrl(opts.apiBase, call);
    let attempt = 0;
    let reauthorized = false;
    for (;;) {
      const headers: Record<string, string> = { accept: "application/json", ...call.headers };
      const token = call.auth === false ? undefined : await tokens().get();
      if (token) headers.authorization = `Bearer ${token}`;
      let body: string | undefined;
      if (call.json !== undefined) {
        headers["content-type"] = "application/json";
        body = call.json === EMPTY_JSON ? "" : JSON.stringify(call.json);
      } else if (call.form) {
        headers["content-type"] = "application/x-www-form-urlencoded";
        body = new URLSearchParams(call.form).toString();
      }
      let failure: AcronisError;
      let retryAfter: number | null = null;
      try {
        const res = await opts.fetch(url, {
          method: call.method,
          headers,
          body,
          signal: AbortSignal.timeout(opts.timeoutMs),
        });
        const payload = Buffer.from(await res.arrayBuffer());
        if (res.ok) return { status: res.status, body: payload };
        if (res.status === 401 && token && !reauthorized) {
          tokens().invalidate(token);
          reauthorized = true;
          continue;
        }
        failure = httpError(call, res.status, payload);
        retryAfter = parseRetryAfter(res.headers.get("retry-after"), opts.now());
      } catch (error) {
        failure = transportError(call, error, opts.timeoutMs);
      }
      if (!failure.retryable || attempt >= opts.maxRetries) throw failure;
      await opts.sleep(Math.min(retryAfter ?? backoff(attempt), opts.maxRetryAfterMs));
      attempt++;
    }
  }

  return {
    async json<T>(call: Call, schema: z.ZodType<T>): Promise<T> {
      const raw = await exchange(call);
      let value: unknown;
      try {
        value = JSON.parse(raw.body.toString("utf8"));
      } catch {
        throw validationError(call, raw.status, "body is not JSON");
      }
      const parsed = schema.safeParse(value);
      if (!parsed.success) {
        const issues = parsed.error.issues.map((i) => ({ path: i.path.join("."), message: i.message }));
        const summary = issues
          .slice(0, 3)
          .map((i) => `${i.path || "(root)"}: ${i.message}`)
          .join("; ");
        throw validationError(call, raw.status, summary, issues);
      }
      return parsed.data;
    },
    async send(call: Call): Promise<number> {
      return (await exchange(call)).status;
    },
    async binary(call: Call): Promise<Buffer> {
      return (await exchange(call)).body;
    },
  };
}
