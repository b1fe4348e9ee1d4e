import "server-only";
import { NextResponse } from "next/server";
import type { z } from "zod";
import { type PublicContext, publicContext, type UserContext, userContext } from "@/lib/actions/context";
import type { Permission } from "@/lib/auth/permissions";
import { AppError } from "@/lib/errors/app-error";
import { clientAddressOf } from "@/lib/http/client-address";
import { consumeLimit, type LimitName } from "@/lib/security/limits";
import { errorResponse, invalidRequest } from "./errors";

/** What a route's schema validates: the path parameters, the query string and the JSON body. */
export type RouteRequest = {
  params: Record<string, string | string[]>;
  query: Record<string, string>;
  body: unknown;
};

type RouteOptions = {
  /** A per-address rate limit taken before anything else is read (429 with Retry-After beyond it). */
  limit?: { name: LimitName; message: (retryAfterSeconds: number) => string };
  /** The 400 message when the request does not match the schema. */
  invalidMessage?: string;
  /** Cache-Control of a JSON answer. */
  cacheControl?: string;
};

type RouteArgs = { params?: Promise<Record<string, string | string[]>> };
type Handler = (request: Request, args: RouteArgs) => Promise<Response>;

async function readRequest(request: Request, args: RouteArgs): Promise<RouteRequest> {
  const hasBody = request.method !== "GET" && request.method !== "HEAD";
  return {
    params: (await args.params) ?? {},
    query: Object.fromEntries(new URL(request.url).searchParams),
    // An unreadable body is just absent: the schema then says what was expected.
    body: hasBody ? await request.json().catch(() => undefined) : undefined,
  };
}

function answer(result: unknown, options: RouteOptions): Response {
  if (result instanceof Response) return result;
  return NextResponse.json(result, {
    headers: { "cache-control": options.cacheControl ?? "private, no-store" },
  });
}

async function run<C, S extends z.ZodType>(
  request: Request,
  args: RouteArgs,
  schema: S,
  options: RouteOptions,
  context: () => Promise<C>,
  fn: (input: z.infer<S>, ctx: C, request: Request) => Promise<unknown>,
): Promise<Response> {
  try {
    if (options.limit) {
      const allowed = await consumeLimit(
        publicContext().db,
        options.limit.name,
        clientAddressOf(request.headers),
      );
      if (!allowed.ok) {
        return errorResponse(new AppError("rate_limited", options.limit.message(allowed.retryAfterSeconds)), {
          headers: { "retry-after": String(allowed.retryAfterSeconds) },
        });
      }
    }
    const ctx = await context();
    const parsed = schema.safeParse(await readRequest(request, args));
    if (!parsed.success) throw invalidRequest(parsed.error, options.invalidMessage);
    return answer(await fn(parsed.data, ctx, request), options);
  } catch (error) {
    return errorResponse(error);
  }
}

/**
 * A route handler for signed-in callers: the permission is checked before the request is read, then
 * parse (zod over params, query and body) → `fn(input, ctx)` → JSON (or the Response `fn` returns).
 * AppError becomes its status with `{ error: { code, message, details } }`.
 */
export function userRoute<S extends z.ZodType>(
  permission: Permission | "signed_in",
  schema: S,
  fn: (input: z.infer<S>, ctx: UserContext, request: Request) => Promise<unknown>,
  options: RouteOptions = {},
): Handler {
  return (request, args) => run(request, args, schema, options, () => userContext(permission), fn);
}

/** A public route handler (no session): optional rate limit → parse → `fn(input, ctx)` → JSON. */
export function publicRoute<S extends z.ZodType>(
  schema: S,
  fn: (input: z.infer<S>, ctx: PublicContext, request: Request) => Promise<unknown>,
  options: RouteOptions = {},
): Handler {
  return (request, args) => run(request, args, schema, options, async () => publicContext(), fn);
}
