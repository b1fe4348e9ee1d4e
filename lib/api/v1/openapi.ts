import "server-only";
import { OpenAPIRegistry, OpenApiGeneratorV31 } from "@asteasolutions/zod-to-openapi";
import { z } from "zod";
import { env } from "@/lib/env";
import type { ApiOperation } from "./operation";
import { apiTags } from "./operation";
import { operations } from "./operations";
import { errorSchema } from "./schemas";

const errorDescriptions: Record<number, string> = {
  400: "The request is not valid: `details` names each field's problem.",
  401: "No API key, or one that is mistyped, revoked or expired.",
  403: "The key lacks the scope (write) or the audience (distributor) this needs.",
  404: "Not found, or not visible to this key (another reseller's data is never revealed).",
  409: "Conflicts with the current state (or an Idempotency-Key reused for another request).",
  422: "Understood but refused by a business rule.",
  429: "Too many requests for this key: wait `Retry-After` seconds.",
  502: "Acronis did not answer as expected; retry later.",
};

const rateLimitHeaders = {
  "RateLimit-Limit": {
    description: "Requests this key may make per minute.",
    schema: { type: "integer" as const },
  },
  "RateLimit-Remaining": {
    description: "Requests left in the current minute.",
    schema: { type: "integer" as const },
  },
  "RateLimit-Reset": {
    description: "Seconds until the budget is whole again.",
    schema: { type: "integer" as const },
  },
};

function register(registry: OpenAPIRegistry, op: ApiOperation): void {
  const { spec } = op;
  const success =
    "schema" in spec.response
      ? {
          description: spec.response.description,
          headers: rateLimitHeaders,
          content: { "application/json": { schema: spec.response.schema } },
        }
      : {
          description: spec.response.description,
          headers: rateLimitHeaders,
          content: { [spec.response.contentType]: { schema: { type: "string" as const, format: "binary" } } },
        };
  const statuses = [400, 401, 403, 429, ...(spec.errors ?? [])].sort();
  const responses: Record<string, unknown> = { [String(spec.response.status ?? 200)]: success };
  for (const status of statuses) {
    responses[String(status)] = {
      description: errorDescriptions[status] ?? "Error.",
      ...(status === 429
        ? { headers: { "Retry-After": { description: "Seconds to wait.", schema: { type: "integer" } } } }
        : {}),
      content: { "application/json": { schema: errorSchema } },
    };
  }
  registry.registerPath({
    method: spec.method,
    path: spec.path,
    operationId: spec.operationId,
    summary: spec.summary,
    description: spec.description,
    tags: [spec.tag],
    security: [{ apiKey: [spec.method === "get" ? "read" : "write"] }],
    request: {
      ...(spec.params ? { params: spec.params as z.ZodObject } : {}),
      ...(spec.query ? { query: spec.query as z.ZodObject } : {}),
      ...(spec.method === "post"
        ? {
            headers: z.object({
              "Idempotency-Key": z.string().max(255).optional().meta({
                description:
                  "Any unique string (a UUID): a repeat of this POST within 24 hours returns the first answer instead of acting twice.",
              }),
            }),
          }
        : {}),
      ...(spec.body
        ? {
            body: {
              // A body whose every field is optional may be left out.
              required: !spec.body.safeParse(undefined).success,
              content: { "application/json": { schema: spec.body } },
            },
          }
        : {}),
    },
    responses: responses as never,
  });
}

/** The OpenAPI 3.1 document of /api/v1, generated from the operations' own zod schemas. */
export function openApiDocument(list: ApiOperation[] = operations) {
  const registry = new OpenAPIRegistry();
  registry.registerComponent("securitySchemes", "apiKey", {
    type: "http",
    scheme: "bearer",
    description:
      "An API key created in the back office (API keys) or the reseller portal: `Authorization: Bearer tl_…`. Keys have the read scope, the write scope or both.",
  });
  for (const op of list) register(registry, op);
  const base = env().APP_URL ?? "http://localhost:3000";
  return new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: "3.1.0",
    info: {
      title: "Tierline API",
      version: "1.0.0",
      description: [
        "The REST API of the Tierline marketplace and billing platform: resellers, contracts, customers, usage, invoices, credit notes and billing runs.",
        "",
        "- **Keys.** A distributor key sees the whole channel; a reseller key only its own reseller (anything else is 404). GET needs the `read` scope, every other method `write`.",
        "- **Lists** are newest first, `limit` items a page (1–100, default 25); pass `nextCursor` back as `cursor` for the next page.",
        "- **Money** is a decimal string in the document's currency.",
        '- **Errors** are `{ "error": { "code", "message", "details" } }` with the HTTP status.',
        "- **POST** accepts an `Idempotency-Key` header: a repeat within 24 hours returns the first answer.",
        "- **Rate limit** per key: `RateLimit-Limit`, `RateLimit-Remaining` and `RateLimit-Reset` on every answer; 429 with `Retry-After` beyond it.",
      ].join("\n"),
    },
    servers: [{ url: `${base}/api/v1` }],
    tags: apiTags.map((t) => ({ name: t.name, description: t.description })),
  });
}
