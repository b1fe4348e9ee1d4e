import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it, vi } from "vitest";
import * as s from "@/db/schema";
import { seedDatabase } from "@/db/seed";
import { createApiKey } from "@/lib/api-keys/keys";
import { addDays } from "@/lib/billing";
import { orderContract } from "@/lib/contracts";
import { markProvisioned } from "@/lib/contracts/provisioning";
import {
  admin,
  getContract as contractRow,
  db,
  historyOf,
  liveContract,
  newReseller,
  owner,
} from "@/lib/contracts/test-support";
import { previewTierChanges } from "@/lib/dashboard/tiers";
import type { ApiOperation } from "../operation";
import {
  cancelContractOp,
  changeContractTier,
  convertContract,
  getContract,
  listContracts,
  orderContractOp,
  previewTierChange,
} from "./contracts";

const TODAY = "2026-11-24";
vi.mock("@/lib/clock", async (importOriginal) => ({
  ...(await importOriginal<typeof import("@/lib/clock")>()),
  now: () => new Date(`${TODAY}T12:00:00Z`),
}));

const staff = { userId: null, label: "admin@test" };

async function key(resellerId: string | null, scopes: ("read" | "write")[]): Promise<string> {
  const created = await createApiKey(
    db(),
    { resellerId },
    { name: `test ${scopes.join("+")}`, scopes },
    staff,
    new Date(`${TODAY}T12:00:00Z`),
  );
  return created.key;
}

function call(
  op: ApiOperation,
  r: {
    key: string;
    path: string;
    method?: string;
    body?: unknown;
    params?: Record<string, string>;
    idempotencyKey?: string;
  },
): Promise<Response> {
  const headers: Record<string, string> = { authorization: `Bearer ${r.key}` };
  if (r.body !== undefined) headers["content-type"] = "application/json";
  if (r.idempotencyKey) headers["idempotency-key"] = r.idempotencyKey;
  return op.handle(
    new Request(`http://localhost/api/v1${r.path}`, {
      method: r.method ?? "GET",
      headers,
      body: r.body === undefined ? undefined : JSON.stringify(r.body),
    }),
    { params: Promise.resolve(r.params ?? {}) },
  );
}

const post = (op: ApiOperation, key: string, id: string, path: string, body: unknown, idem?: string) =>
  call(op, {
    key,
    method: "POST",
    path: `/contracts/${id}${path}`,
    params: { id },
    body,
    idempotencyKey: idem,
  });

/** A paid contract on T2 since October with a customer using workstations and storage this month. */
async function pricedReseller() {
  const resellerId = await newReseller();
  const ordered = await orderContract(db(), {
    resellerId,
    tierCode: "T2",
    currency: "USD",
    trial: false,
    actor: owner,
    today: "2026-10-01",
  });
  await markProvisioned(db(), { contractId: ordered.id, actor: admin, today: "2026-10-01" });
  const [customer] = await db()
    .insert(s.customers)
    .values({ resellerId, acronisTenantId: randomUUID(), name: "Acme" })
    .returning();
  const skus = await db().select().from(s.skus);
  const sku = (code: string) => skus.find((k) => k.code === code)!.id;
  const rows = [];
  for (let day = "2026-11-01"; day <= TODAY; day = addDays(day, 1)) {
    rows.push({ customerId: customer!.id, skuId: sku("pw_base_workstations"), day, value: "120" });
    rows.push({
      customerId: customer!.id,
      skuId: sku("pw_base_storage"),
      day,
      value: String(2048n * 2n ** 30n),
    });
  }
  await db().insert(s.usageSnapshots).values(rows);
  return { resellerId, contractId: ordered.id };
}

let mine: { resellerId: string; contractId: string };
let theirs: { resellerId: string; contractId: string };
let keys: { read: string; write: string; theirs: string; distributor: string };

beforeAll(async () => {
  await seedDatabase(db(), { today: new Date(`${TODAY}T00:00:00Z`), demo: false });
  mine = await pricedReseller();
  theirs = await pricedReseller();
  keys = {
    read: await key(mine.resellerId, ["read"]),
    write: await key(mine.resellerId, ["read", "write"]),
    theirs: await key(theirs.resellerId, ["read", "write"]),
    distributor: await key(null, ["read", "write"]),
  };
});

describe(`/api/v1/contracts on ${process.env.TEST_ENGINE}`, () => {
  it("shows a reseller key its own contracts only: another reseller's is 404", async () => {
    const list = await (await call(listContracts, { key: keys.read, path: "/contracts" })).json();
    expect(list.data.map((c: { id: string }) => c.id)).toEqual([mine.contractId]);
    expect(list.data[0]).toMatchObject({ state: "active", tier: { code: "T2" }, paidStart: "2026-10-01" });

    const own = await call(getContract, {
      key: keys.read,
      path: `/contracts/${mine.contractId}`,
      params: { id: mine.contractId },
    });
    expect(own.status).toBe(200);
    const detail = await own.json();
    expect(detail.allowedTierChanges.upgrades.map((t: { code: string }) => t.code)).toContain("T3");

    const foreign = await call(getContract, {
      key: keys.read,
      path: `/contracts/${theirs.contractId}`,
      params: { id: theirs.contractId },
    });
    expect(foreign.status).toBe(404);
    const filtered = await call(listContracts, {
      key: keys.read,
      path: `/contracts?resellerId=${theirs.resellerId}`,
    });
    expect(filtered.status).toBe(404);
    const preview = await post(previewTierChange, keys.read, theirs.contractId, "/tier-change/preview", {});
    expect(preview.status).toBe(403); // read key: POST needs write, before anything is looked up
    const foreignPreview = await post(
      previewTierChange,
      keys.write,
      theirs.contractId,
      "/tier-change/preview",
      {},
    );
    expect(foreignPreview.status).toBe(404);

    const byDistributor = await (
      await call(listContracts, { key: keys.distributor, path: `/contracts?resellerId=${theirs.resellerId}` })
    ).json();
    expect(byDistributor.data.map((c: { id: string }) => c.id)).toEqual([theirs.contractId]);
  });

  it("previews tier changes with the figures the portal's dialog shows", async () => {
    const before = await contractRow(mine.contractId);
    const expected = JSON.parse(
      JSON.stringify(await previewTierChanges(db(), mine.resellerId, TODAY)),
    ) as Awaited<ReturnType<typeof previewTierChanges>>;
    expect(expected?.targets.length).toBeGreaterThan(1);

    const all = await post(previewTierChange, keys.write, mine.contractId, "/tier-change/preview", {});
    expect(all.status).toBe(200);
    expect(await all.json()).toEqual(expected);

    const t3 = await post(previewTierChange, keys.write, mine.contractId, "/tier-change/preview", {
      tier: "T3",
    });
    const one = await t3.json();
    expect(one.targets).toEqual(expected?.targets.filter((t) => t.tierCode === "T3"));
    expect(one.targets[0].toDate.subtotal).toMatch(/^\d+\.\d{2}$/);

    const same = await post(previewTierChange, keys.write, mine.contractId, "/tier-change/preview", {
      tier: "T2",
    });
    expect(same.status).toBe(409);
    // A preview writes nothing.
    expect(await contractRow(mine.contractId)).toEqual(before);
    expect(await historyOf(mine.contractId)).toHaveLength(1);
  });

  it("changes the tier once per Idempotency-Key; a read key cannot; refusals are 409 with the reason", async () => {
    const readOnly = await post(changeContractTier, keys.read, mine.contractId, "/tier-change", {
      tier: "T3",
    });
    expect(readOnly.status).toBe(403);
    expect(await historyOf(mine.contractId)).toHaveLength(1);

    const idem = `tier-${randomUUID()}`;
    const first = await post(
      changeContractTier,
      keys.write,
      mine.contractId,
      "/tier-change",
      { tier: "T3" },
      idem,
    );
    expect(first.status).toBe(200);
    const body = await first.json();
    expect(body).toMatchObject({
      direction: "upgrade",
      effectiveOn: TODAY,
      contract: { tier: { code: "T3" } },
    });

    const again = await post(
      changeContractTier,
      keys.write,
      mine.contractId,
      "/tier-change",
      { tier: "T3" },
      idem,
    );
    expect(again.status).toBe(200);
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    expect(await again.json()).toEqual(body);
    const history = await historyOf(mine.contractId);
    expect(history.map((h) => `${h.kind}:${h.tier}`)).toEqual(["order:T2", "upgrade:T3"]);
    const audit = await db()
      .select()
      .from(s.auditLog)
      .where(and(eq(s.auditLog.entityId, mine.contractId), eq(s.auditLog.action, "contract.upgraded")));
    expect(audit).toHaveLength(1);
    expect(audit[0]?.actorLabel).toMatch(/^API key/);

    // Without the key, the same request is a new one: T3 → T3 is refused by the service.
    const repeat = await post(changeContractTier, keys.write, mine.contractId, "/tier-change", {
      tier: "T3",
    });
    expect(repeat.status).toBe(409);
    expect((await repeat.json()).error.message).toMatch(/already on Tier 3/);

    const down = await post(changeContractTier, keys.write, mine.contractId, "/tier-change", { tier: "T1" });
    expect(down.status).toBe(200);
    expect(await down.json()).toMatchObject({
      direction: "downgrade",
      effectiveOn: "2026-12-01",
      contract: {
        tier: { code: "T3" },
        pendingChange: { toTier: { code: "T1" }, effectiveOn: "2026-12-01" },
      },
    });
    const twice = await post(changeContractTier, keys.write, mine.contractId, "/tier-change", { tier: "T0" });
    expect(twice.status).toBe(409);
    expect((await twice.json()).error.message).toMatch(/already scheduled/);
  });

  it("converts a trial, and refuses to convert a paid contract", async () => {
    const trial = await liveContract({ tierCode: "T1", today: "2026-11-10", trial: true });
    const trialKey = await key(trial.resellerId, ["read", "write"]);
    const converted = await post(convertContract, trialKey, trial.id, "/convert", { when: "now" });
    expect(converted.status).toBe(200);
    expect(await converted.json()).toMatchObject({ state: "active", trial: false, paidStart: TODAY });

    const paid = await post(convertContract, trialKey, trial.id, "/convert", { when: "now" });
    expect(paid.status).toBe(409);
    expect((await paid.json()).error.message).toMatch(/not a trial/);
    const invalid = await post(convertContract, trialKey, trial.id, "/convert", { when: "tomorrow" });
    expect(invalid.status).toBe(400);
  });

  it("cancels at the month's end for a reseller; immediately only for the distributor, with a reason", async () => {
    const immediately = await post(cancelContractOp, keys.theirs, theirs.contractId, "/cancel", {
      immediately: true,
      reason: "moving away",
    });
    expect(immediately.status).toBe(403);

    const atEnd = await post(cancelContractOp, keys.theirs, theirs.contractId, "/cancel", {});
    expect(atEnd.status).toBe(200);
    expect(await atEnd.json()).toMatchObject({ state: "active", endDate: "2026-12-01" });
    const twice = await post(cancelContractOp, keys.theirs, theirs.contractId, "/cancel", {});
    expect(twice.status).toBe(409);

    const noReason = await post(cancelContractOp, keys.distributor, theirs.contractId, "/cancel", {
      immediately: true,
    });
    expect(noReason.status).toBe(400);
    expect(Object.keys((await noReason.json()).error.details)).toEqual(["body.reason"]);
    const now = await post(cancelContractOp, keys.distributor, theirs.contractId, "/cancel", {
      immediately: true,
      reason: "unpaid invoices",
    });
    expect(now.status).toBe(200);
    expect(await now.json()).toMatchObject({ state: "cancelled", endDate: addDays(TODAY, 1) });
  });

  it("orders a contract: a reseller key for itself, a distributor key naming the reseller; one live contract", async () => {
    const fresh = await newReseller();
    const freshKey = await key(fresh, ["read", "write"]);
    const ordered = await call(orderContractOp, {
      key: freshKey,
      method: "POST",
      path: "/contracts",
      body: { tier: "T1", trial: true },
    });
    expect(ordered.status).toBe(201);
    expect(await ordered.json()).toMatchObject({
      resellerId: fresh,
      state: "pending",
      trial: true,
      currency: "USD",
    });

    const second = await call(orderContractOp, {
      key: keys.distributor,
      method: "POST",
      path: "/contracts",
      body: { resellerId: fresh, tier: "T2" },
    });
    expect(second.status).toBe(409);
    expect((await second.json()).error.message).toMatch(/already has a live contract/);

    // A reseller key orders only its first contract: another (a new trial, a new ramp-up) is the distributor's.
    const again = await call(orderContractOp, {
      key: freshKey,
      method: "POST",
      path: "/contracts",
      body: { tier: "T1", trial: true },
    });
    expect(again.status).toBe(403);
    expect((await again.json()).error.message).toMatch(/ordered by the distributor/);

    const unnamed = await call(orderContractOp, {
      key: keys.distributor,
      method: "POST",
      path: "/contracts",
      body: { tier: "T2" },
    });
    expect(unnamed.status).toBe(400);
    expect(Object.keys((await unnamed.json()).error.details)).toEqual(["body.resellerId"]);

    const forOther = await call(orderContractOp, {
      key: freshKey,
      method: "POST",
      path: "/contracts",
      body: { resellerId: mine.resellerId, tier: "T2" },
    });
    expect(forOther.status).toBe(404);
  });
});
