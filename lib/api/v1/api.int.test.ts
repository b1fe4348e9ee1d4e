import { eq } from "drizzle-orm";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import * as s from "@/db/schema";
import { seedDatabase } from "@/db/seed";
import { demoApiKeys } from "@/db/seed/demo";
import { createApiKey } from "@/lib/api-keys/keys";
import { AppError } from "@/lib/errors/app-error";
import { claimIdempotencyKey } from "./idempotency";
import { apiOperation } from "./operation";
import { getMe } from "./resources/keys";

const db = () => globalThis.testDb.db;
const staff = { userId: null, label: "admin@test" };
let northwind: string;

beforeAll(async () => {
  await seedDatabase(db(), { today: new Date("2026-11-24T00:00:00Z") });
  const [row] = await db()
    .select({ id: s.resellers.id })
    .from(s.resellers)
    .where(eq(s.resellers.name, "Northwind IT Services"));
  expect(row).toBeDefined();
  northwind = row?.id ?? "";
});

afterEach(() => {
  delete process.env.API_RATE_LIMIT_PER_MINUTE;
});

async function key(scopes: ("read" | "write")[], resellerId: string | null = northwind): Promise<string> {
  const created = await createApiKey(
    db(),
    { resellerId },
    { name: `test ${scopes.join("+")}`, scopes },
    staff,
    new Date(),
  );
  return created.key;
}

const call = (
  op: { handle: (r: Request, a: object) => Promise<Response> },
  init: RequestInit & { path?: string } = {},
) =>
  op.handle(new Request(`http://localhost/api/v1${init.path ?? "/test"}`, init), {
    params: Promise.resolve({}),
  });

/** A POST whose every run is counted, to tell a replay from a second run. */
function countingPost() {
  const runs: unknown[] = [];
  const op = apiOperation({
    method: "post",
    path: "/test",
    operationId: "testPost",
    summary: "test",
    tag: "Keys",
    body: z.object({ amount: z.string().regex(/^\d+$/, "A whole number.") }),
    response: { status: 201, description: "made", schema: z.object({ run: z.number(), amount: z.string() }) },
    errors: [409],
    handler: async ({ body }) => {
      runs.push(body);
      if (body.amount === "0") throw new AppError("conflict", "Zero is refused.");
      return { run: runs.length, amount: body.amount };
    },
  });
  return { op, runs };
}

describe(`/api/v1 on ${process.env.TEST_ENGINE}`, () => {
  it("needs a valid key: none or a wrong one is 401 with a Bearer challenge and the error body", async () => {
    const none = await call(getMe);
    expect(none.status).toBe(401);
    expect(none.headers.get("www-authenticate")).toMatch(/^Bearer/);
    expect(await none.json()).toEqual({
      error: { code: "unauthenticated", message: expect.stringContaining("Bearer") },
    });

    const wrong = await call(getMe, { headers: { authorization: "Bearer tl_not-a-key" } });
    expect(wrong.status).toBe(401);

    const good = await key(["read"]);
    const me = await call(getMe, { headers: { authorization: `Bearer ${good}` } });
    expect(me.status).toBe(200);
    expect(await me.json()).toMatchObject({ owner: "reseller", resellerId: northwind, scopes: ["read"] });
    expect(me.headers.get("ratelimit-limit")).toBe("600");
    expect(Number(me.headers.get("ratelimit-remaining"))).toBe(599);
  });

  it("refuses a POST with a read-only key (403) before running anything", async () => {
    const { op, runs } = countingPost();
    const res = await call(op, {
      method: "POST",
      headers: { authorization: `Bearer ${await key(["read"])}`, "content-type": "application/json" },
      body: JSON.stringify({ amount: "5" }),
    });
    expect(res.status).toBe(403);
    expect((await res.json()).error.message).toMatch(/write scope/);
    expect(runs).toHaveLength(0);
  });

  it("answers a repeated POST with the same Idempotency-Key with the first result, running it once", async () => {
    const { op, runs } = countingPost();
    const auth = `Bearer ${await key(["read", "write"])}`;
    const post = (body: unknown, idem = "order-7f3a") =>
      call(op, {
        method: "POST",
        headers: { authorization: auth, "content-type": "application/json", "idempotency-key": idem },
        body: JSON.stringify(body),
      });

    const first = await post({ amount: "5" });
    expect(first.status).toBe(201);
    expect(await first.json()).toEqual({ run: 1, amount: "5" });

    const again = await post({ amount: "5" });
    expect(again.status).toBe(201);
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    expect(await again.json()).toEqual({ run: 1, amount: "5" });
    expect(runs).toHaveLength(1);

    // The same key for another request is a conflict, not a silent replay of the wrong thing.
    const other = await post({ amount: "6" });
    expect(other.status).toBe(409);
    expect((await other.json()).error.message).toMatch(/different request/);
    expect(runs).toHaveLength(1);

    // A business refusal is the answer too: replayed, not run again.
    const refused = await post({ amount: "0" }, "zero-1");
    expect(refused.status).toBe(409);
    const refusedAgain = await post({ amount: "0" }, "zero-1");
    expect(refusedAgain.status).toBe(409);
    expect(await refusedAgain.json()).toEqual({ error: { code: "conflict", message: "Zero is refused." } });
    expect(runs).toHaveLength(2);

    // An invalid body never claims the key: fixing the body and retrying with it runs.
    const invalid = await post({ amount: "x" }, "fix-me");
    expect(invalid.status).toBe(400);
    expect((await invalid.json()).error.details).toEqual({ "body.amount": ["A whole number."] });
    expect((await post({ amount: "9" }, "fix-me")).status).toBe(201);
  });

  it("runs two simultaneous POSTs with one Idempotency-Key once: the second is told the first is in progress", async () => {
    const runs: number[] = [];
    const slow = apiOperation({
      method: "post",
      path: "/test",
      operationId: "testSlow",
      summary: "test",
      tag: "Keys",
      response: { status: 201, description: "made", schema: z.object({ ok: z.boolean() }) },
      handler: async () => {
        runs.push(1);
        await new Promise((r) => setTimeout(r, 300));
        return { ok: true };
      },
    });
    const auth = `Bearer ${await key(["write"])}`;
    const post = () =>
      call(slow, {
        method: "POST",
        headers: { authorization: auth, "idempotency-key": "race-1" },
        body: "{}",
      });
    const answers = await Promise.all([post(), post()]);
    expect(answers.map((a) => a.status).sort()).toEqual([201, 409]);
    expect(runs).toHaveLength(1);
    // Once the first is done, a repeat gets its answer.
    expect((await post()).status).toBe(201);
    expect(runs).toHaveLength(1);
  });

  it("answers 429 with Retry-After once a key has used its minute, and counts each key on its own", async () => {
    process.env.API_RATE_LIMIT_PER_MINUTE = "3";
    const busy = `Bearer ${await key(["read"])}`;
    const answers: Response[] = [];
    for (let i = 0; i < 4; i++) answers.push(await call(getMe, { headers: { authorization: busy } }));
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 429]);
    const refused = answers[3] as Response;
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(refused.headers.get("ratelimit-remaining")).toBe("0");
    expect((await refused.json()).error.code).toBe("rate_limited");

    const calm = await call(getMe, { headers: { authorization: `Bearer ${await key(["read"])}` } });
    expect(calm.status).toBe(200);
  });

  it("keeps distributor-only operations from reseller keys", async () => {
    const op = apiOperation({
      method: "get",
      path: "/test",
      operationId: "testDistributor",
      summary: "test",
      tag: "Billing runs",
      audience: "distributor",
      response: { description: "ok", schema: z.object({ ok: z.boolean() }) },
      handler: async () => ({ ok: true }),
    });
    const reseller = await call(op, { headers: { authorization: `Bearer ${await key(["read"])}` } });
    expect(reseller.status).toBe(403);
    const distributor = await call(op, { headers: { authorization: `Bearer ${await key(["read"], null)}` } });
    expect(distributor.status).toBe(200);
  });
});

describe(`the demo's API keys on ${process.env.TEST_ENGINE}`, () => {
  it("open the API in demo mode: the distributor's reads and writes, Northwind's only reads its own", async () => {
    const [distributor, northwindKey] = demoApiKeys;
    const me = await call(getMe, { headers: { authorization: `Bearer ${distributor?.key}` } });
    expect(await me.json()).toMatchObject({ owner: "distributor", scopes: ["read", "write"] });
    const nw = await call(getMe, { headers: { authorization: `Bearer ${northwindKey?.key}` } });
    expect(await nw.json()).toMatchObject({ owner: "reseller", resellerId: northwind, scopes: ["read"] });
  });
});

describe(`Idempotency-Key claims on ${process.env.TEST_ENGINE}`, () => {
  it("lets a repeat take over a claim abandoned by a process that died before answering", async () => {
    const { apiKey } = await createApiKey(
      db(),
      { resellerId: northwind },
      { name: "claims", scopes: ["write"] },
      staff,
      new Date(),
    );
    const request = { apiKeyId: apiKey.id, key: "crash-1", method: "POST", path: "/api/v1/test", body: "{}" };
    const at = new Date("2026-12-01T10:00:00Z");
    expect(await claimIdempotencyKey(db(), { ...request, now: at })).toEqual({ kind: "claimed" });
    // A minute later the first may still be running: the repeat is told so.
    await expect(
      claimIdempotencyKey(db(), { ...request, now: new Date(at.getTime() + 60_000) }),
    ).rejects.toThrow(/still being processed/);
    // Six minutes on, nobody answered: the repeat runs.
    expect(await claimIdempotencyKey(db(), { ...request, now: new Date(at.getTime() + 6 * 60_000) })).toEqual(
      {
        kind: "claimed",
      },
    );
  });
});
