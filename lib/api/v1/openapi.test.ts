import fs from "node:fs";
import path from "node:path";
import { Validator } from "@seriousme/openapi-schema-validator";
import { describe, expect, it } from "vitest";
import { openApiDocument } from "./openapi";
import { operations } from "./operations";

const root = path.join(import.meta.dirname, "..", "..", "..", "app", "api", "v1");

/** Every route file under app/api/v1 with the methods it exports, as OpenAPI paths ("[id]" → "{id}"). */
function routeFiles(): { path: string; methods: string[] }[] {
  const out: { path: string; methods: string[] }[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name === "route.ts") {
        const rel = path.relative(root, dir).split(path.sep).join("/");
        const source = fs.readFileSync(full, "utf8");
        const methods = [...source.matchAll(/export const (GET|POST|PATCH|DELETE|PUT)\b/g)].map((m) =>
          (m[1] as string).toLowerCase(),
        );
        out.push({ path: `/${rel}`.replace(/\[(\w+)\]/g, "{$1}"), methods });
      }
    }
  };
  walk(root);
  return out;
}

describe("the OpenAPI document of /api/v1", () => {
  it("is a valid OpenAPI 3.1 document", async () => {
    const doc = openApiDocument();
    expect(doc.openapi).toBe("3.1.0");
    const validator = new Validator();
    const result = await validator.validate(JSON.parse(JSON.stringify(doc)));
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
  });

  it("lists every route under /api/v1, and every operation has its route file", () => {
    const doc = openApiDocument();
    const documented = new Set(
      Object.entries(doc.paths ?? {}).flatMap(([p, item]) =>
        Object.keys(item as object)
          .filter((k) => ["get", "post", "patch", "delete", "put"].includes(k))
          .map((m) => `${m} ${p}`),
      ),
    );
    const routes = new Set(
      routeFiles()
        .filter((r) => r.path !== "/openapi.json")
        .flatMap((r) => r.methods.map((m) => `${m} ${r.path}`)),
    );
    expect([...routes].sort()).toEqual([...documented].sort());
    expect(documented.size).toBe(operations.length);
  });

  it("names each operation once and documents its errors and the rate-limit headers", () => {
    const ids = operations.map((o) => o.spec.operationId);
    expect(new Set(ids).size).toBe(ids.length);
    const doc = openApiDocument();
    for (const item of Object.values(doc.paths ?? {})) {
      for (const op of Object.values(item as Record<string, { responses?: Record<string, unknown> }>)) {
        if (!op?.responses) continue;
        expect(Object.keys(op.responses)).toEqual(expect.arrayContaining(["400", "401", "403", "429"]));
      }
    }
  });
});
