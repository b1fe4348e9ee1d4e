import "server-only";
import { NextResponse } from "next/server";
import { z } from "zod";
import { getDb } from "@/db/client";
import type { ApiKeyActor, Context } from "@/lib/actions/context";
import { type AuthenticatedKey, authenticateApiKey } from "@/lib/api-keys/keys";
import { now as clockNow, todayUtc } from "@/lib/clock";
import { env } from "@/lib/env";
import { AppError, isAppError } from "@/lib/errors/app-error";
import { consumeLimit } from "@/lib/security/limits";
import { currentSettings } from "@/lib/settings/current";
import { errorResponse, invalidRequest } from "../errors";
import { claimIdempotencyKey, completeIdempotencyKey, releaseIdempotencyKey } from "./idempotency";

/** A request made with an API key: a reseller key is scoped like a user of that reseller (ctx.resellerId). */
export type ApiContext = Context<ApiKeyActor> & { key: AuthenticatedKey };

/** The reference's sections, in the order /docs/api shows them. */
export const apiTags = [
  { name: "Keys", description: "The API key making the request." },
  { name: "Resellers", description: "The distributor's resellers (a reseller key sees only itself)." },
  {
    name: "Contracts",
    description: "Commitment contracts: order, change tier (with a preview), convert a trial, cancel.",
  },
  { name: "Customers", description: "A reseller's end customers in Acronis." },
  { name: "Usage", description: "Consumption per customer and service, daily and monthly." },
  { name: "Invoices", description: "Issued invoices: the document, its PDF and its CSV." },
  { name: "Credit notes", description: "Credit notes issued against invoices." },
  { name: "Billing runs", description: "Monthly billing runs (distributor keys only)." },
] as const;
export type ApiTag = (typeof apiTags)[number]["name"];

type Method = "get" | "post" | "patch" | "delete";
type Schema = z.ZodType | undefined;
type Out<S extends Schema> = S extends z.ZodType ? z.output<S> : Record<string, never>;

export type ApiInput<P extends Schema, Q extends Schema, B extends Schema> = {
  params: Out<P>;
  query: Out<Q>;
  body: Out<B>;
};

type JsonResponse = { status?: 200 | 201; description: string; schema: z.ZodType };
type FileResponse = { status?: 200; description: string; contentType: "application/pdf" | "text/csv" };

export type OperationSpec<P extends Schema, Q extends Schema, B extends Schema> = {
  method: Method;
  /** Under /api/v1, in OpenAPI's template form: `/invoices/{id}`. */
  path: `/${string}`;
  operationId: string;
  summary: string;
  description?: string;
  tag: ApiTag;
  /** `distributor`: reseller keys get 403 (billing runs, creating resellers). */
  audience?: "any" | "distributor";
  params?: P;
  query?: Q;
  body?: B;
  response: JsonResponse | FileResponse;
  /** Error statuses this operation can answer besides the ones every operation can (400, 401, 403, 429). */
  errors?: (404 | 409 | 422 | 502)[];
  handler: (input: ApiInput<P, Q, B>, ctx: ApiContext, request: Request) => Promise<unknown>;
};

type RouteArgs = { params?: Promise<Record<string, string | string[]>> };

export type ApiOperation = {
  spec: OperationSpec<Schema, Schema, Schema>;
  /** The Next.js route handler. */
  handle: (request: Request, args: RouteArgs) => Promise<Response>;
};

function apiContextOf(key: AuthenticatedKey): ApiContext {
  const at = clockNow();
  return {
    get db() {
      return getDb();
    },
    now: at,
    today: todayUtc(at),
    settings: async () => {
      const settings = await currentSettings();
      if (!settings) throw new AppError("internal", "The distributor settings are missing: run the seed.");
      return settings;
    },
    actor: { kind: "api_key", keyId: key.id, label: key.name, resellerId: key.resellerId },
    resellerId: key.resellerId,
    audit: { userId: null, label: `API key "${key.name}" (${key.prefix}…)` },
    key,
  };
}

/** `Authorization: Bearer tl_…` → the live key, or 401 with a WWW-Authenticate challenge. */
async function authenticate(request: Request): Promise<AuthenticatedKey> {
  const header = request.headers.get("authorization") ?? "";
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  const key = match ? await authenticateApiKey(getDb(), match[1] as string, clockNow()) : null;
  if (!key) {
    throw new AppError(
      "unauthenticated",
      match
        ? "The API key is not valid: it may be mistyped, revoked or expired."
        : "Send an API key: Authorization: Bearer tl_…",
    );
  }
  return key;
}

const idempotencyKeySchema = z
  .string()
  .min(1)
  .max(255)
  .regex(/^[\x21-\x7e]+$/, "Idempotency-Key is 1–255 visible ASCII characters (a UUID is a good one).");

async function readBody(request: Request, method: Method): Promise<{ raw: string; json: unknown }> {
  if (method === "get" || method === "delete") return { raw: "", json: undefined };
  const raw = await request.text();
  if (raw.trim() === "") return { raw, json: undefined };
  try {
    return { raw, json: JSON.parse(raw) };
  } catch {
    throw new AppError("validation", "The body is not valid JSON.");
  }
}

function json(status: number, body: unknown, headers: Headers): Response {
  return NextResponse.json(body, { status, headers });
}

/**
 * One /api/v1 operation: its OpenAPI description and its route handler, from the same zod schemas. The
 * handler authenticates the key, counts the request against the key's rate limit (RateLimit-* headers,
 * 429 with Retry-After), checks the scope (GET needs read, anything else write) and the audience, validates
 * path, query and body, replays or records an Idempotency-Key on POST, and maps errors to
 * `{ error: { code, message, details } }`.
 */
export function apiOperation<
  P extends Schema = undefined,
  Q extends Schema = undefined,
  B extends Schema = undefined,
>(spec: OperationSpec<P, Q, B>): ApiOperation {
  const input = z.object({
    params: spec.params ?? z.object({}),
    query: spec.query ?? z.object({}),
    body: spec.body ?? z.unknown(),
  });
  const scope = spec.method === "get" ? "read" : "write";

  const handle = async (request: Request, args: RouteArgs): Promise<Response> => {
    const headers = new Headers({ "cache-control": "private, no-store" });
    let claimed: { keyId: string; key: string } | null = null;
    try {
      const key = await authenticate(request);
      const ctx = apiContextOf(key);

      const budget = env().API_RATE_LIMIT_PER_MINUTE;
      const limit = await consumeLimit(ctx.db, "apiKey", key.id, budget);
      headers.set("ratelimit-limit", String(budget));
      if (!limit.ok) {
        headers.set("ratelimit-remaining", "0");
        headers.set("ratelimit-reset", String(limit.retryAfterSeconds));
        headers.set("retry-after", String(limit.retryAfterSeconds));
        throw new AppError(
          "rate_limited",
          `Too many requests: this key may make ${budget} a minute. Retry in ${limit.retryAfterSeconds} s.`,
        );
      }
      headers.set("ratelimit-remaining", String(limit.remaining));
      headers.set("ratelimit-reset", String(limit.resetSeconds));

      if (!key.scopes.includes(scope)) {
        throw new AppError(
          "forbidden",
          `This key is read-only: ${spec.method.toUpperCase()} needs the write scope.`,
        );
      }
      if (spec.audience === "distributor" && key.resellerId) {
        throw new AppError("forbidden", "Only the distributor's keys may use this operation.");
      }

      const body = await readBody(request, spec.method);
      const parsed = input.safeParse({
        params: (await args.params) ?? {},
        query: Object.fromEntries(new URL(request.url).searchParams),
        body: body.json,
      });
      if (!parsed.success) throw invalidRequest(parsed.error);

      const idempotencyHeader = request.headers.get("idempotency-key");
      if (spec.method === "post" && idempotencyHeader !== null) {
        const idem = idempotencyKeySchema.safeParse(idempotencyHeader);
        if (!idem.success) {
          throw new AppError("validation", "The Idempotency-Key header is not valid.", {
            "Idempotency-Key": idem.error.issues.map((i) => i.message),
          });
        }
        const claim = await claimIdempotencyKey(ctx.db, {
          apiKeyId: key.id,
          key: idem.data,
          method: "POST",
          path: new URL(request.url).pathname,
          body: body.raw,
          now: ctx.now,
        });
        if (claim.kind === "replay") {
          headers.set("idempotent-replayed", "true");
          return json(claim.status, claim.body, headers);
        }
        claimed = { keyId: key.id, key: idem.data };
      }

      const result = await spec.handler(parsed.data as ApiInput<P, Q, B>, ctx, request);
      if (result instanceof Response) {
        headers.forEach((value, name) => {
          if (!result.headers.has(name)) result.headers.set(name, value);
        });
        return result;
      }
      const status = "schema" in spec.response ? (spec.response.status ?? 200) : 200;
      if ("schema" in spec.response && env().NODE_ENV === "test") {
        // Tests hold every answer to the schema the reference publishes.
        const checked = spec.response.schema.safeParse(JSON.parse(JSON.stringify(result)));
        if (!checked.success) {
          throw new Error(
            `${spec.operationId} answered outside its schema: ${z.prettifyError(checked.error)}`,
          );
        }
      }
      if (claimed) await completeIdempotencyKey(ctx.db, claimed, status, result);
      return json(status, result, headers);
    } catch (error) {
      if (claimed) {
        // A refusal (4xx) is the request's answer and is replayed; a crash is not, so a retry may run it.
        if (isAppError(error) && error.status < 500) {
          const response = errorResponse(error);
          await completeIdempotencyKey(getDb(), claimed, response.status, await response.json());
        } else {
          await releaseIdempotencyKey(getDb(), claimed);
        }
      }
      const response = errorResponse(error, { headers });
      if (response.status === 401) response.headers.set("www-authenticate", 'Bearer realm="tierline"');
      return response;
    }
  };
  return { spec: spec as OperationSpec<Schema, Schema, Schema>, handle };
}
