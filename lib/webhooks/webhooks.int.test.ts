import { randomBytes } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { and, eq, isNull, ne, sql } from "drizzle-orm";
import { Webhook } from "standardwebhooks";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import * as s from "@/db/schema";
import { seedDatabase } from "@/db/seed";
import { type Actor, systemActor } from "@/lib/audit";
import { isAppError } from "@/lib/errors/app-error";
import { startBillingRun } from "@/lib/invoices/billing-run";
import { markPaid } from "@/lib/invoices/invoice-status";
import { issueBillingRun } from "@/lib/invoices/issue";
import { startJobQueue } from "@/lib/jobs/queue";
import { parseListParams } from "@/lib/lists/params";
import { deliveryListSpec } from "./deliveries";
import { emitProvisioningFailed, PROVISIONING_FAILURE_MESSAGES, provisioningFailureCode } from "./emit";
import { listenForWebhookEvents } from "./events";
import {
  createEndpoint,
  createEndpointSchema,
  deleteEndpoint,
  deliverDueWebhooks,
  emitInvoiceEvents,
  getEndpoint,
  listDeliveries,
  listEndpoints,
  redeliver,
  revealSecret,
  rotateSecret,
  setEndpointEnabled,
  updateEndpoint,
  updateEndpointSchema,
  type WebhookOwner,
} from "./index";
import { addressAllowed, allowedAddressLookup, isLoopbackAddress, isPrivateAddress } from "./url";
import { startWebhookWorker } from "./worker";

const db = () => globalThis.testDb.db;
const TODAY = "2026-11-24";
const PERIOD = "2026-10";
const distributor: WebhookOwner = { resellerId: null };
/** A page large enough for every delivery these tests make. */
const everyDelivery = parseListParams(deliveryListSpec, { size: "100" });
const saved = {
  key: process.env.TIERLINE_SECRETS_KEY,
  allow: process.env.WEBHOOK_ALLOW_PRIVATE_URLS,
  demo: process.env.TIERLINE_DEMO,
};
let admin: Actor;

/** A receiver on 127.0.0.1 answering the scripted statuses in turn (then the last one), recording requests. */
type Received = { headers: http.IncomingHttpHeaders; body: string };
let server: http.Server;
let receiverUrl: string;
let script: number[] = [];
let received: Received[] = [];
/** How long the receiver waits before answering (an attempt in progress). */
let delayMs = 0;

function form(fields: Record<string, string>, events: string[]) {
  return Object.fromEntries([...Object.entries(fields), ...events.map((e) => [`event:${e}`, "on"])]);
}

async function refusal(call: Promise<unknown>) {
  const error = await call.then(
    () => null,
    (e: unknown) => e,
  );
  if (!isAppError(error)) throw new Error(`expected a refusal, got ${String(error)}`);
  return error;
}

async function register(owner: WebhookOwner, events: string[], url = receiverUrl) {
  return createEndpoint(db(), owner, createEndpointSchema.parse(form({ url }, events)), admin);
}

async function issuedInvoices() {
  return db().select().from(s.invoices).where(eq(s.invoices.status, "issued"));
}

/** An invoice.paid event for some invoice, as markPaid writes it (tests that need many events). */
async function emitPaidEvent() {
  const [invoice] = await db().select().from(s.invoices).limit(1);
  await db().transaction((tx) => emitInvoiceEvents(tx, "invoice.paid", [invoice!.id]));
}

/** Why a call was refused (an AppError's code), or "ok". */
async function settled(call: Promise<unknown>) {
  return call.then(
    () => "ok",
    (e: unknown) => (isAppError(e) ? e.code : String(e)),
  );
}

/** An issued invoice no test has paid yet. */
async function unpaidInvoice() {
  const [invoice] = await issuedInvoices();
  if (!invoice) throw new Error("no issued invoice left");
  return invoice;
}

beforeAll(async () => {
  process.env.TIERLINE_SECRETS_KEY = randomBytes(32).toString("base64");
  process.env.WEBHOOK_ALLOW_PRIVATE_URLS = "1";
  delete process.env.TIERLINE_DEMO;
  await seedDatabase(db(), { today: new Date(`${TODAY}T00:00:00Z`) });
  const [user] = await db()
    .select()
    .from(s.users)
    .where(and(eq(s.users.role, "admin"), isNull(s.users.resellerId)));
  admin = { userId: user!.id, label: user!.email };
  server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      received.push({ headers: req.headers, body: Buffer.concat(chunks).toString("utf8") });
      const status = script.length > 1 ? script.shift()! : (script[0] ?? 200);
      setTimeout(() => {
        res.writeHead(status, { "content-type": "text/plain" });
        res.end(status < 300 ? "ok" : `nope ${status}`);
      }, delayMs);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  receiverUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
});

afterEach(async () => {
  // Each test registers its own endpoints.
  await db().delete(s.webhookEndpoints);
  script = [];
  received = [];
  delayMs = 0;
  process.env.WEBHOOK_ALLOW_PRIVATE_URLS = "1";
  delete process.env.TIERLINE_DEMO;
});

afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
  for (const [name, value] of [
    ["TIERLINE_SECRETS_KEY", saved.key],
    ["WEBHOOK_ALLOW_PRIVATE_URLS", saved.allow],
    ["TIERLINE_DEMO", saved.demo],
  ] as const) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
});

describe("events", () => {
  it("are written with the change that causes them: issuing a run gives the distributor every invoice, a reseller only its own", async () => {
    const everything = await register(distributor, ["invoice.issued"]);
    const [someone] = await db().select().from(s.resellers).where(eq(s.resellers.status, "active")).limit(1);
    const own = await register({ resellerId: someone!.id }, ["invoice.issued"]);
    const paidOnly = await register(distributor, ["invoice.paid"]);

    const run = await startBillingRun(db(), { period: PERIOD, actor: systemActor, today: TODAY });
    await issueBillingRun(db(), { runId: run.id, actor: systemActor, today: TODAY });
    const issued = await issuedInvoices();
    expect(issued.length).toBeGreaterThan(1);

    const all = await listDeliveries(db(), distributor, everything.endpoint.id, everyDelivery);
    expect(all.deliveries).toHaveLength(issued.length);
    expect(new Set(all.deliveries.map((d) => d.eventType))).toEqual(new Set(["invoice.issued"]));

    const mine = await listDeliveries(db(), { resellerId: someone!.id }, own.endpoint.id, everyDelivery);
    const theirs = issued.filter((i) => i.resellerId === someone!.id);
    expect(theirs.length).toBeGreaterThan(0);
    expect(mine.deliveries).toHaveLength(theirs.length);
    const events = await db()
      .select()
      .from(s.webhookEvents)
      .where(eq(s.webhookEvents.type, "invoice.issued"));
    const ofMine = new Set(mine.deliveries.map((d) => d.eventId));
    for (const event of events.filter((e) => ofMine.has(e.id))) {
      expect(event.resellerId).toBe(someone!.id);
      expect(event.data).toMatchObject({ status: "issued", currency: expect.any(String) });
      expect(typeof (event.data as { total: unknown }).total).toBe("string");
    }
    expect((await listDeliveries(db(), distributor, paidOnly.endpoint.id)).deliveries).toHaveLength(0);
    // A reseller never sees another owner's endpoint.
    await expect(
      listDeliveries(db(), { resellerId: someone!.id }, everything.endpoint.id),
    ).rejects.toMatchObject({ code: "not_found" });
    expect((await listEndpoints(db(), { resellerId: someone!.id })).map((e) => e.id)).toEqual([
      own.endpoint.id,
    ]);
  });

  it("a rolled-back change leaves no event and no delivery", async () => {
    await register(distributor, ["invoice.paid"]);
    const [invoice] = await issuedInvoices();
    const before = await db().select().from(s.webhookEvents);
    await db()
      .transaction(async (tx) => {
        await tx
          .update(s.invoices)
          .set({ status: "paid", paidAt: new Date() })
          .where(eq(s.invoices.id, invoice!.id));
        await emitInvoiceEvents(tx, "invoice.paid", [invoice!.id]);
        tx.rollback();
      })
      .catch(() => undefined);
    expect(await db().select().from(s.webhookEvents)).toHaveLength(before.length);
    expect(await db().select().from(s.webhookDeliveries)).toHaveLength(0);
  });

  it("the delivery log pages through deliveries of one transaction (one created_at) without losing any", async () => {
    const { endpoint } = await register(distributor, ["invoice.paid"]);
    // 23 events in one transaction, as a billing run writes them: one now() for all.
    const [invoice] = await db().select({ id: s.invoices.id }).from(s.invoices).limit(1);
    await db().transaction(async (tx) => {
      for (let n = 0; n < 23; n++) await emitInvoiceEvents(tx, "invoice.paid", [invoice!.id]);
    });
    const stamps = await db()
      .select({ at: sql<string>`${s.webhookDeliveries.createdAt}::text` })
      .from(s.webhookDeliveries)
      .where(eq(s.webhookDeliveries.endpointId, endpoint.id));
    expect(new Set(stamps.map((r) => r.at)).size).toBe(1);
    const seen: string[] = [];
    let after: string | null = null;
    let first: string | null = null;
    for (let page = 0; page < 10; page++) {
      const params = parseListParams(deliveryListSpec, { size: "10", ...(after ? { after } : {}) });
      const { deliveries, nextCursor } = await listDeliveries(db(), distributor, endpoint.id, params);
      seen.push(...deliveries.map((d) => d.id));
      first ??= nextCursor;
      if (!nextCursor) break;
      after = nextCursor;
    }
    expect(seen).toHaveLength(23);
    expect(new Set(seen).size).toBe(23);
    // Newest first: created_at, then id, descending.
    expect(seen).toEqual([...seen].sort().reverse());
    // A cursor from another endpoint reads only that endpoint's deliveries: none here.
    const other = await register(distributor, ["invoice.paid"]);
    const { deliveries } = await listDeliveries(
      db(),
      distributor,
      other.endpoint.id,
      parseListParams(deliveryListSpec, { after: first! }),
    );
    expect(deliveries).toEqual([]);
  });

  it("a disabled endpoint gets no new deliveries", async () => {
    const { endpoint } = await register(distributor, ["invoice.paid"]);
    await setEndpointEnabled(db(), distributor, endpoint.id, false, admin);
    const [invoice] = await issuedInvoices();
    await markPaid(db(), { invoiceId: invoice!.id, actor: systemActor });
    expect((await listDeliveries(db(), distributor, endpoint.id)).deliveries).toHaveLength(0);
  });
});

describe("delivery", () => {
  it("signs per Standard Webhooks; 500, 500, 200 gives three attempts and delivered", async () => {
    const { endpoint, secret } = await register(distributor, ["invoice.paid"]);
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    const invoice = await unpaidInvoice();
    await markPaid(db(), { invoiceId: invoice!.id, actor: systemActor });
    script = [500, 500, 200];
    const outcomes = await deliverDueWebhooks(db(), { retrySchedule: [0, 0, 0] });
    expect(outcomes.map((o) => o.responseStatus)).toEqual([500, 500, 200]);
    expect(received).toHaveLength(3);
    const ids = new Set(received.map((r) => r.headers["webhook-id"]));
    expect(ids.size).toBe(1); // the same id on every retry
    const last = received.at(-1)!;
    const verified = new Webhook(secret).verify(last.body, {
      "webhook-id": String(last.headers["webhook-id"]),
      "webhook-timestamp": String(last.headers["webhook-timestamp"]),
      "webhook-signature": String(last.headers["webhook-signature"]),
    }) as { type: string; timestamp: string; data: { id: string; number: string; status: string } };
    expect(verified.type).toBe("invoice.paid");
    expect(verified.data).toMatchObject({ id: invoice!.id, number: invoice!.number, status: "paid" });
    expect(() =>
      new Webhook(`whsec_${randomBytes(32).toString("base64")}`).verify(last.body, {
        "webhook-id": String(last.headers["webhook-id"]),
        "webhook-timestamp": String(last.headers["webhook-timestamp"]),
        "webhook-signature": String(last.headers["webhook-signature"]),
      }),
    ).toThrow();

    const { deliveries } = await listDeliveries(db(), distributor, endpoint.id);
    expect(deliveries).toHaveLength(1);
    const [delivery] = deliveries;
    expect(delivery).toMatchObject({ status: "delivered", attempts: 3, responseStatus: 200 });
    expect(delivery!.log.map((a) => [a.attempt, a.trigger, a.responseStatus, a.responseBody])).toEqual([
      [1, "automatic", 500, "nope 500"],
      [2, "automatic", 500, "nope 500"],
      [3, "automatic", 200, "ok"],
    ]);
    expect((await getEndpoint(db(), distributor, endpoint.id)).consecutiveFailures).toBe(0);
    // Nothing left to send.
    expect(await deliverDueWebhooks(db(), { retrySchedule: [0, 0, 0] })).toEqual([]);
  });

  it("waits for the schedule between attempts", async () => {
    await register(distributor, ["invoice.paid"]);
    await emitPaidEvent();
    script = [503];
    const first = await deliverDueWebhooks(db(), { retrySchedule: [3600] });
    expect(first.map((o) => o.responseStatus)).toEqual([503]);
    expect(await deliverDueWebhooks(db(), { retrySchedule: [3600] })).toEqual([]);
    const [row] = await db().select().from(s.webhookDeliveries);
    expect(row!.status).toBe("pending");
    expect(row!.nextAttemptAt.getTime()).toBeGreaterThan(Date.now() + 3500_000);
  });

  it("exhausting the schedule fails the delivery, disables the endpoint and emails the admins; redeliver adds a manual attempt", async () => {
    const { endpoint } = await register(distributor, ["invoice.paid"]);
    await emitPaidEvent();
    script = [500];
    const outcomes = await deliverDueWebhooks(db(), { retrySchedule: [0, 0] });
    expect(outcomes.map((o) => o.responseStatus)).toEqual([500, 500, 500]);
    expect(outcomes.at(-1)).toMatchObject({ exhausted: true, disabledEndpoint: true });
    const after = await getEndpoint(db(), distributor, endpoint.id);
    expect(after.disabledAt).not.toBeNull();
    expect(after.disabledReason).toMatch(/HTTP 500/);
    expect(after.consecutiveFailures).toBe(3);
    const mails = await db()
      .select()
      .from(s.emailOutbox)
      .where(eq(s.emailOutbox.template, "webhook_endpoint_disabled"));
    expect(mails).toHaveLength(1);
    expect(mails[0]!.to).toContain(admin.label);
    expect(mails[0]!.text).toContain(receiverUrl);

    const [delivery] = (await listDeliveries(db(), distributor, endpoint.id)).deliveries;
    expect(delivery!.status).toBe("failed");
    script = [200];
    const manual = await redeliver(db(), distributor, delivery!.id, admin);
    expect(manual).toMatchObject({ delivered: true, attempt: 4, responseStatus: 200 });
    const [again] = (await listDeliveries(db(), distributor, endpoint.id)).deliveries;
    expect(again!.status).toBe("delivered");
    expect(again!.log.map((a) => [a.attempt, a.trigger])).toEqual([
      [1, "automatic"],
      [2, "automatic"],
      [3, "automatic"],
      [4, "manual"],
    ]);
    const [attempt] = await db()
      .select()
      .from(s.webhookDeliveryAttempts)
      .where(
        and(eq(s.webhookDeliveryAttempts.deliveryId, delivery!.id), eq(s.webhookDeliveryAttempts.attempt, 4)),
      );
    expect(attempt!.requestedBy).toBe(admin.userId);
    // Another owner cannot redeliver it.
    const [reseller] = await db().select().from(s.resellers).limit(1);
    await expect(redeliver(db(), { resellerId: reseller!.id }, delivery!.id, admin)).rejects.toMatchObject({
      code: "not_found",
    });
    // Enabled again, the failure count starts over.
    await setEndpointEnabled(db(), distributor, endpoint.id, true, admin);
    expect(await getEndpoint(db(), distributor, endpoint.id)).toMatchObject({
      disabledAt: null,
      consecutiveFailures: 0,
    });
  });

  it("one refused event does not disable an endpoint that accepts the others", async () => {
    const { endpoint } = await register(distributor, ["invoice.paid"]);
    await emitPaidEvent();
    script = [400];
    await deliverDueWebhooks(db(), { retrySchedule: [3600, 3600], concurrency: 1 });
    await emitPaidEvent();
    script = [200];
    await deliverDueWebhooks(db(), { retrySchedule: [3600, 3600], concurrency: 1 });
    expect((await getEndpoint(db(), distributor, endpoint.id)).consecutiveFailures).toBe(0);
  });
});

describe("redeliver and the worker", () => {
  it("refuses while an automatic attempt is in progress, and holds the delivery from the worker while it sends", async () => {
    const { endpoint } = await register(distributor, ["invoice.paid"]);
    await emitPaidEvent();
    const [delivery] = (await listDeliveries(db(), distributor, endpoint.id)).deliveries;
    delayMs = 600;
    script = [500];
    const automatic = deliverDueWebhooks(db(), { retrySchedule: [3600], concurrency: 1 });
    await expect.poll(() => received.length, { timeout: 5_000, interval: 20 }).toBe(1);
    const conflict = await refusal(redeliver(db(), distributor, delivery!.id, admin));
    expect(conflict.code).toBe("conflict");
    expect(conflict.message).toMatch(/in progress/);
    expect((await automatic).map((o) => o.attempt)).toEqual([1]);
    const [scheduled] = await db()
      .select({ at: s.webhookDeliveries.nextAttemptAt })
      .from(s.webhookDeliveries)
      .where(eq(s.webhookDeliveries.id, delivery!.id));

    // Recorded, the delivery may be redelivered; while that attempt sends, the worker cannot take it even
    // when its retry falls due, and a second Redeliver is refused.
    await db()
      .update(s.webhookDeliveries)
      .set({ nextAttemptAt: sql`now() - interval '1 second'` })
      .where(eq(s.webhookDeliveries.id, delivery!.id));
    const [due] = await db()
      .select({ at: s.webhookDeliveries.nextAttemptAt })
      .from(s.webhookDeliveries)
      .where(eq(s.webhookDeliveries.id, delivery!.id));
    expect(scheduled!.at.getTime()).toBeGreaterThan(due!.at.getTime());
    const manual = redeliver(db(), distributor, delivery!.id, admin);
    await expect.poll(() => received.length, { timeout: 5_000, interval: 20 }).toBe(2);
    expect(await deliverDueWebhooks(db(), { retrySchedule: [3600] })).toEqual([]);
    expect(await settled(redeliver(db(), distributor, delivery!.id, admin))).toBe("conflict");
    expect(await manual).toMatchObject({ attempt: 2, delivered: false, responseStatus: 500 });
    expect(received).toHaveLength(2);
    // A failed manual attempt hands the automatic schedule back as it was: due now, so the worker sends.
    delayMs = 0;
    script = [200];
    const after = await deliverDueWebhooks(db(), { retrySchedule: [3600] });
    expect(after).toMatchObject([{ attempt: 3, delivered: true }]);
    const [done] = (await listDeliveries(db(), distributor, endpoint.id)).deliveries;
    expect(done!.log.map((a) => [a.attempt, a.trigger, a.responseStatus])).toEqual([
      [1, "automatic", 500],
      [2, "manual", 500],
      [3, "automatic", 200],
    ]);
  });
});

describe("the worker", () => {
  it("wakes on a committed event (NOTIFY) and again at the retry's time (pg-boss startAfter)", async () => {
    const queue = await startJobQueue({ connectionString: globalThis.testDb.url, schedule: true });
    const worker = await startWebhookWorker({
      db: db(),
      queue,
      pollingIntervalSeconds: 0.5,
      delivery: { retrySchedule: [1, 1] },
    });
    const unlisten = await listenForWebhookEvents(globalThis.testDb.sql, () => {
      void worker.deliverSoon();
    });
    try {
      const { endpoint } = await register(distributor, ["invoice.paid"]);
      script = [500, 200];
      await emitPaidEvent();
      await expect.poll(() => received.length, { timeout: 20_000, interval: 200 }).toBe(2);
      await expect
        .poll(async () => (await listDeliveries(db(), distributor, endpoint.id)).deliveries[0]?.status, {
          timeout: 5_000,
        })
        .toBe("delivered");
    } finally {
      await unlisten();
      await worker.stop();
      await queue.stop();
    }
  });
});

describe("URLs", () => {
  it("refuses private and local addresses unless allowed, at registration and at delivery", async () => {
    process.env.WEBHOOK_ALLOW_PRIVATE_URLS = "0";
    const http = createEndpointSchema.safeParse(form({ url: receiverUrl }, ["invoice.paid"]));
    expect(http.success).toBe(false);
    expect(http.error?.issues[0]?.message).toMatch(/https/);
    for (const url of [
      "https://127.0.0.1/hook",
      "https://localhost/hook",
      "https://[::1]/x",
      "https://10.1.2.3/",
    ]) {
      const error = await refusal(register(distributor, ["invoice.paid"], url));
      expect(error.fieldErrors?.url?.[0], url).toMatch(/private or local/);
    }
    // A name that resolves to loopback is refused by the delivery's own lookup (no rebinding window).
    const looked = await new Promise<Error | null>((resolve) =>
      allowedAddressLookup("localhost", {}, (error: Error | null) => resolve(error)),
    );
    expect(looked?.name).toBe("PrivateAddressError");

    // Registered while allowed, then forbidden: the attempt is refused before connecting.
    process.env.WEBHOOK_ALLOW_PRIVATE_URLS = "1";
    const { endpoint } = await register(distributor, ["invoice.paid"]);
    process.env.WEBHOOK_ALLOW_PRIVATE_URLS = "0";
    await emitPaidEvent();
    const [outcome] = await deliverDueWebhooks(db(), { retrySchedule: [3600] });
    expect(outcome!.error).toMatch(/private or local/);
    expect(received).toHaveLength(0);
    const [delivery] = (await listDeliveries(db(), distributor, endpoint.id)).deliveries;
    expect(delivery!.log[0]!.error).toMatch(/private or local/);
  });

  it("in demo mode allows loopback receivers only; WEBHOOK_ALLOW_PRIVATE_URLS allows the rest", async () => {
    process.env.WEBHOOK_ALLOW_PRIVATE_URLS = "0";
    process.env.TIERLINE_DEMO = "1";
    // http to this machine: the e2e receiver, a developer's.
    const { endpoint } = await register(distributor, ["invoice.paid"]);
    for (const url of ["http://localhost:9/hook", "http://[::1]:9/hook", "http://127.1.2.3/hook"])
      expect(await settled(register(distributor, ["invoice.paid"], url)), url).toBe("ok");
    for (const url of [
      "http://169.254.169.254/latest/meta-data/",
      "http://10.1.2.3/",
      "http://192.168.0.10/",
      "http://[fd00::1]/",
      "http://[::ffff:169.254.169.254]/",
      "http://[64:ff9b::a9fe:a9fe]/",
      "http://0.0.0.0:9/",
    ]) {
      const error = await refusal(register(distributor, ["invoice.paid"], url));
      expect(error.fieldErrors?.url?.[0], url).toMatch(/private or local/);
    }
    const looked = await new Promise<Error | null>((resolve) =>
      allowedAddressLookup("localhost", {}, (error: Error | null) => resolve(error)),
    );
    expect(looked).toBeNull();
    await emitPaidEvent();
    const outcomes = await deliverDueWebhooks(db(), { retrySchedule: [3600] });
    expect(outcomes.find((o) => o.responseStatus === 200)).toBeDefined();
    expect(received.length).toBeGreaterThan(0);
    const [delivery] = (await listDeliveries(db(), distributor, endpoint.id)).deliveries;
    expect(delivery!.status).toBe("delivered");

    // Registered with the flag, then demo mode alone: the metadata address is refused before connecting.
    process.env.WEBHOOK_ALLOW_PRIVATE_URLS = "1";
    const metadata = await register(
      distributor,
      ["invoice.paid"],
      "http://169.254.169.254/latest/meta-data/",
    );
    process.env.WEBHOOK_ALLOW_PRIVATE_URLS = "0";
    await db().delete(s.webhookEndpoints).where(ne(s.webhookEndpoints.id, metadata.endpoint.id));
    await emitPaidEvent();
    const [refused] = await deliverDueWebhooks(db(), { retrySchedule: [3600] });
    expect(refused!.error).toMatch(/private or local/);
  });

  it("classifies addresses", () => {
    for (const a of [
      "127.0.0.1",
      "10.0.0.1",
      "172.20.1.1",
      "192.168.1.1",
      "169.254.169.254",
      "100.64.0.1",
      "0.0.0.0",
      "::1",
      "fe80::1",
      "fd12::1",
      "::ffff:127.0.0.1",
      "::ffff:7f00:1",
      "::ffff:a9fe:a9fe", // mapped 169.254.169.254
      "::",
      "::7f00:1", // IPv4-compatible 127.0.0.1
      "::a9fe:a9fe",
      "::8.8.8.8", // IPv4-compatible: deprecated, never a public route
      "::ffff:0:7f00:1", // IPv4-translated
      "2002:7f00:1::1", // 6to4 of 127.0.0.1
      "2002:808:808::1", // 6to4 of anything
      "64:ff9b::7f00:1", // NAT64 of 127.0.0.1
      "64:ff9b::10.0.0.1",
      "64:ff9b::a9fe:a9fe",
      "64:ff9b:1::808:808", // local-use NAT64
      "2001:0:4136:e378:8000:63bf:3fff:fdd2", // Teredo
      "fec0::1", // site-local
      "feff::1",
      "fe80::1%eth0",
      "2001:db8::1",
      "ff02::1",
      "not-an-address",
    ])
      expect(isPrivateAddress(a), a).toBe(true);
    for (const a of [
      "93.184.216.34",
      "8.8.8.8",
      "2606:4700:4700::1111",
      "2a00:1450:4001:80b::200e",
      "64:ff9b::808:808", // NAT64 of a public address
      "64:ff9b::8.8.8.8",
      "::ffff:8.8.8.8",
    ])
      expect(isPrivateAddress(a), a).toBe(false);
    for (const a of ["127.0.0.1", "127.9.9.9", "::1", "::ffff:127.0.0.1", "0:0:0:0:0:0:0:1"])
      expect(isLoopbackAddress(a), a).toBe(true);
    for (const a of ["::7f00:1", "64:ff9b::7f00:1", "10.0.0.1", "::", "2002:7f00:1::1"])
      expect(isLoopbackAddress(a), a).toBe(false);
    expect(addressAllowed("127.0.0.1", "loopback")).toBe(true);
    expect(addressAllowed("127.0.0.1", "public")).toBe(false);
    expect(addressAllowed("169.254.169.254", "loopback")).toBe(false);
    expect(addressAllowed("169.254.169.254", "any")).toBe(true);
    expect(addressAllowed("8.8.8.8", "public")).toBe(true);
  });
});

describe("provisioning.failed", () => {
  it("carries the step, a stable code and a generic message, never the step's raw error", async () => {
    const { endpoint } = await register(distributor, ["provisioning.failed"]);
    const [contract] = await db().select().from(s.contracts).limit(1);
    const raw =
      "tenants/9f2c: Access denied for client 0c3e… on https://eu2-cloud.acronis.com (HTTP 403, code 1006)";
    const [job] = await db()
      .insert(s.provisioningJobs)
      .values({ contractId: contract!.id, kind: "provision", status: "failed", lastError: raw })
      .returning();
    await db().insert(s.provisioningSteps).values({
      jobId: job!.id,
      step: "find_or_create_tenant",
      position: 1,
      status: "failed",
      errorStatus: 403,
      errorCode: "1006",
      errorMessage: raw,
    });
    await db().transaction((tx) =>
      emitProvisioningFailed(tx, { jobId: job!.id, step: "find_or_create_tenant", error: raw }),
    );
    const [event] = await db()
      .select()
      .from(s.webhookEvents)
      .where(eq(s.webhookEvents.type, "provisioning.failed"));
    expect(event!.data).toEqual({
      jobId: job!.id,
      kind: "provision",
      contractId: contract!.id,
      resellerId: contract!.resellerId,
      step: "find_or_create_tenant",
      code: "acronis_rejected",
      message: PROVISIONING_FAILURE_MESSAGES.acronis_rejected,
    });
    expect(JSON.stringify(event!.data)).not.toMatch(/1006|Access denied|acronis\.com/);
    expect((await listDeliveries(db(), distributor, endpoint.id)).deliveries).toHaveLength(1);
    expect(
      [
        [503, "x"],
        [429, null],
        [null, null],
        [400, "1006"],
        [200, null],
        [null, "login_taken"],
      ].map(([status, code]) => provisioningFailureCode(status as number | null, code as string | null)),
    ).toEqual([
      "acronis_unavailable",
      "acronis_unavailable",
      "acronis_unavailable",
      "acronis_rejected",
      "acronis_rejected",
      "cannot_proceed",
    ]);
  });
});

describe("endpoint management", () => {
  it("updates, reveals and rotates the secret, deletes; all scoped to the owner and audited", async () => {
    const [reseller] = await db().select().from(s.resellers).limit(1);
    const owner = { resellerId: reseller!.id };
    const { endpoint, secret } = await register(owner, ["invoice.issued"]);
    expect(await revealSecret(db(), owner, endpoint.id, admin)).toBe(secret);
    await expect(revealSecret(db(), distributor, endpoint.id, admin)).rejects.toMatchObject({
      code: "not_found",
    });
    const rotated = await rotateSecret(db(), owner, endpoint.id, admin);
    expect(rotated).not.toBe(secret);
    expect(await revealSecret(db(), owner, endpoint.id, admin)).toBe(rotated);
    // The stored form is encrypted, never the secret itself.
    const [row] = await db().select().from(s.webhookEndpoints).where(eq(s.webhookEndpoints.id, endpoint.id));
    expect(row!.secretEnc).not.toContain(rotated.slice(6, 20));

    const input = updateEndpointSchema.parse(
      form({ id: endpoint.id, url: `${receiverUrl}?v=2`, description: "ERP" }, [
        "invoice.paid",
        "usage.alert",
      ]),
    );
    await updateEndpoint(db(), owner, endpoint.id, input, admin);
    expect(await getEndpoint(db(), owner, endpoint.id)).toMatchObject({
      url: `${receiverUrl}?v=2`,
      description: "ERP",
      events: ["invoice.paid", "usage.alert"],
    });
    const noEvents = updateEndpointSchema.safeParse(form({ id: endpoint.id, url: receiverUrl }, []));
    expect(noEvents.error?.issues.map((i) => [i.path.join("."), i.message])).toEqual([
      ["events", "Choose at least one event."],
    ]);
    await deleteEndpoint(db(), owner, endpoint.id, admin);
    expect(await listEndpoints(db(), owner)).toEqual([]);
    const audit = await db()
      .select({ action: s.auditLog.action, data: s.auditLog.data })
      .from(s.auditLog)
      .where(eq(s.auditLog.entityId, endpoint.id));
    expect(audit.map((a) => a.action).sort()).toEqual([
      "webhook.created",
      "webhook.deleted",
      "webhook.secret_revealed",
      "webhook.secret_revealed",
      "webhook.secret_rotated",
      "webhook.updated",
    ]);
    expect(JSON.stringify(audit)).not.toContain("whsec_");
  });
});
