import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { renderToStaticMarkup } from "react-dom/server";
import { beforeAll, describe, expect, it, vi } from "vitest";
import * as s from "@/db/schema";
import { seedDatabase } from "@/db/seed";
import type { CurrentUser } from "@/lib/auth/guard";
import { parseListParams, type SearchParams } from "@/lib/lists/params";
import {
  callerFor,
  csvHeader,
  csvRecords,
  csvRows,
  csvText,
  expectPages,
  sameCsvEveryBatchSize,
  TIED_INSTANTS,
  timestamptz,
  walkList,
} from "@/tests/lists";
import { deliveryListSpec, eventIdRange, exportDeliveries, listDeliveries } from "./deliveries";
import type { WebhookOwner } from "./endpoints";

// The webhook delivery log on the one list pattern (issue 16): pages both ways over deliveries that share
// an instant, event and outcome filters, an event id search, and the CSV export, for the endpoint's owner
// only (the portal's routes never reach another reseller's endpoint).
const db = () => globalThis.testDb.db;

const auth = vi.hoisted(() => ({ caller: null as CurrentUser | null }));
vi.mock("@/lib/auth/guard", async () => (await import("@/tests/lists")).pinnedGuard(auth));
const adminRoute = await import("@/app/(admin)/admin/webhooks/[id]/export/route");
const portalRoute = await import("@/app/(portal)/portal/webhooks/[id]/export/route");

const distributor: WebhookOwner = { resellerId: null };
let northwind: WebhookOwner;
let kopernikus: WebhookOwner;
/** The distributor's endpoint with 23 deliveries; one of Northwind's and one of Kopernikus's with 3 each. */
const endpoints = { main: "", ours: "", theirs: "" };
const events = ["invoice.issued", "invoice.paid", "contract.cancelled"] as const;
const outcomes = ["delivered", "failed", "pending", "delivered"] as const;
const eventIds: string[] = [];

async function endpoint(resellerId: string | null) {
  const [row] = await db()
    .insert(s.webhookEndpoints)
    .values({ resellerId, url: "https://hooks.example/in", secretEnc: "unused", events: [...events] })
    .returning({ id: s.webhookEndpoints.id });
  return row!.id;
}

async function deliveries(endpointId: string, resellerId: string | null, n: number) {
  for (let i = 0; i < n; i++) {
    const id = randomUUID();
    eventIds.push(id);
    await db()
      .insert(s.webhookEvents)
      .values({ id, type: events[i % 3]!, resellerId, data: { n: i } });
    const [delivery] = await db()
      .insert(s.webhookDeliveries)
      .values({
        endpointId,
        eventId: id,
        status: outcomes[i % 4]!,
        attempts: i % 4 === 2 ? 0 : 2,
        responseStatus: i % 4 === 1 ? 500 : i % 4 === 2 ? null : 200,
        deliveredAt: i % 4 === 0 || i % 4 === 3 ? new Date("2026-04-03T00:00:00Z") : null,
        createdAt: timestamptz(TIED_INSTANTS[i % 3]!),
      })
      .returning({ id: s.webhookDeliveries.id });
    if (i % 4 !== 2)
      await db()
        .insert(s.webhookDeliveryAttempts)
        .values([
          { deliveryId: delivery!.id, attempt: 1, responseStatus: 500, error: "HTTP 500" },
          {
            deliveryId: delivery!.id,
            attempt: 2,
            responseStatus: i % 4 === 1 ? 500 : 200,
            responseBody: "thanks",
            error: i % 4 === 1 ? '=HTTP 500, "busy"' : null,
          },
        ]);
  }
}

beforeAll(async () => {
  await seedDatabase(db(), { today: new Date("2026-11-24T00:00:00Z") });
  const [nw] = await db().select().from(s.users).where(eq(s.users.email, "owner@northwind.example"));
  const [kp] = await db().select().from(s.users).where(eq(s.users.email, "owner@kopernikus.example"));
  northwind = { resellerId: nw!.resellerId };
  kopernikus = { resellerId: kp!.resellerId };
  endpoints.main = await endpoint(null);
  endpoints.ours = await endpoint(northwind.resellerId);
  endpoints.theirs = await endpoint(kopernikus.resellerId);
  await deliveries(endpoints.main, null, 23);
  await deliveries(endpoints.ours, northwind.resellerId, 3);
  await deliveries(endpoints.theirs, kopernikus.resellerId, 3);
});

const params = (query: SearchParams) => parseListParams(deliveryListSpec, query);
const list = (query: SearchParams, owner = distributor, id = endpoints.main) =>
  listDeliveries(db(), owner, id, params(query));

/** Every page of the log both ways (10 a page). */
const walk = (query: SearchParams) =>
  walkList(async (cursor) => {
    const page = await list({ ...query, size: "10", ...cursor });
    return { ...page, rows: page.deliveries };
  });

describe("the delivery log", () => {
  it("lists 25 a page, newest first, each delivery with its attempts oldest first", async () => {
    const page = await list({});
    expect(page.deliveries).toHaveLength(23);
    expect(page.count).toEqual({ value: 23, exact: true });
    const times = page.deliveries.map((d) => d.createdAt.getTime());
    expect(times).toEqual([...times].sort((a, b) => b - a));
    const failed = page.deliveries.find((d) => d.status === "failed")!;
    expect(failed.log.map((a) => a.attempt)).toEqual([1, 2]);
    expect(page.deliveries.find((d) => d.status === "pending")!.log).toEqual([]);
  });

  it("pages forward and back over deliveries of one instant, each exactly once, either order", async () => {
    for (const query of [{}, { dir: "asc" }, { status: "delivered" }, { event: "invoice.paid" }]) {
      const all = (await list({ ...query, size: "100" })).deliveries.map((d) => d.id);
      expectPages(await walk(query), all);
    }
    expect((await walk({})).forward.map((p) => p.length)).toEqual([10, 10, 3]);
  });

  it("filters by event type and by outcome; a value not on the list is reported and left out", async () => {
    const paid = (await list({ event: "invoice.paid" })).deliveries;
    expect(paid).toHaveLength(8);
    expect(new Set(paid.map((d) => d.eventType))).toEqual(new Set(["invoice.paid"]));
    const failed = (await list({ status: "failed" })).deliveries;
    expect(failed).toHaveLength(6);
    expect(new Set(failed.map((d) => d.status))).toEqual(new Set(["failed"]));
    expect((await list({ status: "failed", event: "invoice.issued" })).deliveries).toHaveLength(2);
    const bad = params({ event: "invoice.eaten", status: "lost" });
    expect(bad.errors).toEqual({
      event: ["Pick an event from the list."],
      status: ["Pick an outcome from the list."],
    });
    expect((await listDeliveries(db(), distributor, endpoints.main, bad)).deliveries).toHaveLength(23);
  });

  it("finds a message by its event id (webhook-id), whole or its start, in this endpoint only", async () => {
    const id = eventIds[5]!;
    expect((await list({ q: id })).deliveries.map((d) => d.eventId)).toEqual([id]);
    expect((await list({ q: id.slice(0, 13).toUpperCase() })).deliveries.map((d) => d.eventId)).toEqual([id]);
    // Northwind's event is not among the distributor's endpoint's deliveries.
    expect((await list({ q: eventIds[24]! })).deliveries).toEqual([]);
    expect((await list({ q: "%" })).deliveries).toEqual([]);
    expect((await list({ q: "invoice" })).deliveries).toEqual([]);
    // Every event id starts with one of 16 digits: all 23 found again.
    const byDigit = await Promise.all([..."0123456789abcdef"].map((c) => list({ q: c })));
    expect(byDigit.reduce((n, p) => n + p.deliveries.length, 0)).toBe(23);
  });

  it("is its owner's only: another owner's endpoint is not found", async () => {
    expect((await list({}, northwind, endpoints.ours)).deliveries).toHaveLength(3);
    for (const [owner, id] of [
      [northwind, endpoints.theirs],
      [northwind, endpoints.main],
      [distributor, endpoints.ours],
    ] as const) {
      await expect(list({}, owner, id)).rejects.toMatchObject({ code: "not_found" });
      await expect(exportDeliveries(db(), owner, id, params({}))).rejects.toMatchObject({
        code: "not_found",
      });
    }
  });
});

describe("eventIdRange", () => {
  it("reads an event id or its start as the ids it covers", () => {
    expect(eventIdRange("0B6A3C1E-8a")).toEqual([
      "0b6a3c1e-8a00-0000-0000-000000000000",
      "0b6a3c1e-8aff-ffff-ffff-ffffffffffff",
    ]);
    const id = "0b6a3c1e-8a47-4d4b-9b7f-1d2c3e4f5a6b";
    expect(eventIdRange(id)).toEqual([id, id]);
    expect(eventIdRange("not-hex")).toBeNull();
    expect(eventIdRange(`${id}0`)).toBeNull();
  });
});

describe("the delivery log export", () => {
  it("has exactly the filtered deliveries of every page, in order, whatever the batch size", async () => {
    for (const query of [{}, { dir: "asc" }, { status: "failed" }, { event: "contract.cancelled" }]) {
      const listed = (await walk(query)).ids;
      const p = params({ ...query, size: "10", after: "bm90LWEtY3Vyc29y" });
      const text = await sameCsvEveryBatchSize(
        (o) => exportDeliveries(db(), distributor, endpoints.main, p, o),
        4,
      );
      const byEvent = new Map(
        (await list({ ...query, size: "100" })).deliveries.map((d) => [d.eventId, d.id]),
      );
      expect(csvRecords(text).map((r) => byEvent.get(r.event_id!))).toEqual(listed);
    }
  });

  it("writes each delivery's event, outcome and last answer; response bodies stay on the page", async () => {
    const text = await csvText(
      exportDeliveries(db(), distributor, endpoints.main, params({ q: eventIds[1]! })),
    );
    expect(csvHeader(text)).toBe(
      "created_at,event,event_id,status,attempts,last_http_status,last_error,delivered_at,next_attempt_at",
    );
    expect(text).not.toContain("thanks");
    expect(csvRecords(text)).toEqual([
      {
        created_at: "2026-03-01T10:00:00.123Z",
        event: "invoice.paid",
        event_id: eventIds[1],
        status: "failed",
        attempts: "2",
        last_http_status: "500",
        last_error: '\'=HTTP 500, "busy"',
        delivered_at: "",
        next_attempt_at: "",
      },
    ]);
    const pending = await csvRows(
      exportDeliveries(db(), distributor, endpoints.main, params({ q: eventIds[2]! })),
    );
    expect(pending[0]).toMatchObject({
      status: "pending",
      attempts: "0",
      last_http_status: "",
      last_error: "",
    });
    expect(pending[0]!.next_attempt_at).toMatch(/^\d{4}-\d{2}-\d{2}T/);
  });
});

describe("the export routes", () => {
  const get = (path: string, id: string) =>
    [new Request(`http://localhost${path}`), { params: Promise.resolve({ id }) }] as const;

  it("the back office's: the distributor's endpoints, filtered; a reseller's endpoint is not found", async () => {
    auth.caller = await callerFor("admin@skyline.example");
    const response = await adminRoute.GET(
      ...get(`/admin/webhooks/${endpoints.main}/export?status=failed&size=10`, endpoints.main),
    );
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("content-disposition")).toMatch(
      /^attachment; filename="webhook-deliveries-\d{4}-\d{2}-\d{2}\.csv"$/,
    );
    expect(response.headers.get("cache-control")).toBe("private, no-store");
    const rows = await csvRows(response);
    expect(rows).toHaveLength(6);
    expect(new Set(rows.map((r) => r.status))).toEqual(new Set(["failed"]));
    const theirs = await adminRoute.GET(...get(`/admin/webhooks/${endpoints.ours}/export`, endpoints.ours));
    expect(theirs.status).toBe(404);
    // The same permission as the endpoint's page: administrators only.
    auth.caller = await callerFor("support@skyline.example");
    expect(
      (await adminRoute.GET(...get(`/admin/webhooks/${endpoints.main}/export`, endpoints.main))).status,
    ).toBe(403);
  });

  it("the portal's: only the caller's reseller's endpoint; another's or the distributor's is not found", async () => {
    auth.caller = await callerFor("owner@northwind.example");
    const mine = await portalRoute.GET(...get(`/portal/webhooks/${endpoints.ours}/export`, endpoints.ours));
    expect(mine.status).toBe(200);
    const rows = await csvRows(mine);
    expect(rows.map((r) => r.event_id).sort()).toEqual(eventIds.slice(23, 26).sort());
    for (const id of [endpoints.theirs, endpoints.main]) {
      const response = await portalRoute.GET(...get(`/portal/webhooks/${id}/export`, id));
      expect(response.status).toBe(404);
      expect(await response.text()).not.toContain(eventIds[0]!);
    }
    // Only a reseller's owner manages its webhooks.
    auth.caller = await callerFor("viewer@northwind.example");
    expect(
      (await portalRoute.GET(...get(`/portal/webhooks/${endpoints.ours}/export`, endpoints.ours))).status,
    ).toBe(403);
    auth.caller = await callerFor("admin@skyline.example");
    expect(
      (await portalRoute.GET(...get(`/portal/webhooks/${endpoints.ours}/export`, endpoints.ours))).status,
    ).toBe(403);
  });
});

describe("the endpoint pages", () => {
  it("show the delivery log with its filters, order, count, pages and export, for the owner only", async () => {
    const { default: AdminPage } = await import("@/app/(admin)/admin/webhooks/[id]/page");
    const { default: PortalPage } = await import("@/app/(portal)/portal/webhooks/[id]/page");
    auth.caller = await callerFor("admin@skyline.example");
    const admin = renderToStaticMarkup(
      await AdminPage({
        params: Promise.resolve({ id: endpoints.main }),
        searchParams: Promise.resolve({ size: "10", status: "failed" }),
      }),
    );
    expect(admin).toContain("Delivery log");
    expect(admin).toMatch(/>6 deliveries</);
    expect(admin.match(/<details/g)).toHaveLength(6);
    expect(admin).toContain(`href="/admin/webhooks/${endpoints.main}/export?status=failed"`);
    expect(admin).toContain('aria-label="Order of the deliveries"');
    auth.caller = await callerFor("owner@northwind.example");
    const portal = renderToStaticMarkup(
      await PortalPage({
        params: Promise.resolve({ id: endpoints.ours }),
        searchParams: Promise.resolve({}),
      }),
    );
    expect(portal).toMatch(/>3 deliveries</);
    expect(portal).toContain(`href="/portal/webhooks/${endpoints.ours}/export"`);
    for (const id of eventIds.slice(23, 26)) expect(portal).toContain(id);
    await expect(
      PortalPage({ params: Promise.resolve({ id: endpoints.theirs }), searchParams: Promise.resolve({}) }),
    ).rejects.toThrow();
  });
});
