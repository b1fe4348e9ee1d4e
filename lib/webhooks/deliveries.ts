import "server-only";
import { and, asc, between, eq, inArray, type SQL, sql } from "drizzle-orm";
import type { SelectedFields } from "drizzle-orm/pg-core";
import type { Db, DbOrTx } from "@/db/client";
import {
  webhookDeliveries,
  webhookDeliveryAttempts,
  webhookEndpoints,
  webhookEvents,
  webhookEventTypes,
} from "@/db/schema";
import { deliveryStatus } from "@/db/schema/enums";
import { type Actor, writeAudit } from "@/lib/audit";
import { AppError } from "@/lib/errors/app-error";
import type { ListCount } from "@/lib/lists/count";
import { exportListCsv, isoInstant } from "@/lib/lists/export";
import { type ListParams, type ListSpec, listFilters, parseListParams } from "@/lib/lists/params";
import { type ListSource, runList } from "@/lib/lists/run";
import { type AttemptOutcome, attemptNow, type DeliveryOptions } from "./deliver";
import { getEndpoint, ownedBy, type WebhookOwner } from "./endpoints";

export type AttemptView = {
  attempt: number;
  trigger: "automatic" | "manual";
  startedAt: Date;
  durationMs: number | null;
  responseStatus: number | null;
  responseBody: string | null;
  error: string | null;
};

export type DeliveryView = {
  id: string;
  eventId: string;
  eventType: string;
  createdAt: Date;
  status: "pending" | "delivered" | "failed";
  attempts: number;
  responseStatus: number | null;
  nextAttemptAt: Date;
  deliveredAt: Date | null;
  /** Oldest first. */
  log: AttemptView[];
};

export const DELIVERIES_PER_PAGE = 25;

/**
 * An endpoint's delivery log (issue 16): newest first (or oldest), by event type and by outcome, and an
 * event id (the webhook-id header a receiver logs) to find one message; all in the URL.
 */
export const deliveryListSpec = {
  sorts: { created: { dir: "desc" } },
  defaultSort: "created" as const,
  defaultSize: DELIVERIES_PER_PAGE,
  filters: {
    event: listFilters.oneOf(webhookEventTypes, "Pick an event from the list."),
    status: listFilters.oneOf(deliveryStatus.enumValues, "Pick an outcome from the list."),
  },
} satisfies ListSpec;

export type DeliveryListParams = ListParams<
  keyof typeof deliveryListSpec.sorts,
  keyof typeof deliveryListSpec.filters
>;

export type DeliveryPage = {
  deliveries: DeliveryView[];
  nextCursor: string | null;
  prevCursor: string | null;
  count: ListCount;
};

/** The endpoint's deliveries with the URL's filters and search: the page and the export filter the same way. */
function deliveryWhere(endpointId: string, params: DeliveryListParams): (SQL | undefined)[] {
  const { event, status } = params.filters;
  const ids = params.q ? eventIdRange(params.q) : undefined;
  return [
    eq(webhookDeliveries.endpointId, endpointId),
    event ? eq(webhookEvents.type, event) : undefined,
    status ? eq(webhookDeliveries.status, status as (typeof deliveryStatus.enumValues)[number]) : undefined,
    // An event id as the receiver saw it (webhook-id), whole or its start; anything else matches nothing.
    ids === undefined ? undefined : ids ? between(webhookDeliveries.eventId, ids[0], ids[1]) : sql`false`,
  ];
}

/**
 * An event id or its start as the range of ids it covers ("0b6a3c1e-8a" → 0b6a3c1e-8a00-0000-… up to
 * 0b6a3c1e-8aff-ffff-…): uuids order by their bytes, so the endpoint's (endpoint_id, event_id) key finds
 * them without reading the endpoint's other deliveries. Null when `q` is not hexadecimal.
 */
export function eventIdRange(q: string): [string, string] | null {
  const hex = q.toLowerCase().replaceAll("-", "");
  if (!/^[0-9a-f]{1,32}$/.test(hex)) return null;
  const shape = (h: string) =>
    `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
  return [shape(hex.padEnd(32, "0")), shape(hex.padEnd(32, "f"))];
}

const deliveryColumns = {
  id: webhookDeliveries.id,
  eventId: webhookEvents.id,
  eventType: webhookEvents.type,
  createdAt: webhookDeliveries.createdAt,
  status: webhookDeliveries.status,
  attempts: webhookDeliveries.attempts,
  responseStatus: webhookDeliveries.responseStatus,
  nextAttemptAt: webhookDeliveries.nextAttemptAt,
  deliveredAt: webhookDeliveries.deliveredAt,
  lastError: sql<string | null>`(select a.error from webhook_delivery_attempts a
    where a.delivery_id = ${webhookDeliveries.id} order by a.attempt desc limit 1)`,
};

function fromDeliveries<T extends SelectedFields>(db: DbOrTx, fields: T) {
  return db
    .select(fields)
    .from(webhookDeliveries)
    .innerJoin(webhookEvents, eq(webhookEvents.id, webhookDeliveries.eventId));
}

/** A delivery as the log lists it, with its last attempt's error (for the export). */
type DeliveryRow = Omit<DeliveryView, "log"> & { lastError: string | null };

function deliverySource(db: DbOrTx, endpointId: string, params: DeliveryListParams): ListSource<DeliveryRow> {
  return {
    // created_at has microseconds and a transaction's deliveries (a billing run's) share one now(): the
    // keyset is (created_at, id), compared in SQL with the cursor's text value.
    sorts: { created: { expr: webhookDeliveries.createdAt, type: "timestamptz" } },
    id: webhookDeliveries.id,
    where: deliveryWhere(endpointId, params),
    rows: ({ keys, where, orderBy, limit }) =>
      fromDeliveries(db, { ...deliveryColumns, ...keys })
        .where(where)
        .orderBy(...orderBy)
        .limit(limit),
    // Without an event filter the count reads the deliveries alone (the join only names the event).
    count: ({ where, limit }) =>
      (params.filters.event
        ? fromDeliveries(db, { one: sql`1` })
        : db.select({ one: sql`1` }).from(webhookDeliveries)
      )
        .where(where)
        .limit(limit),
  };
}

/**
 * One page of an endpoint's delivery log with every attempt of each delivery (oldest first), for the
 * endpoint's owner only (another owner's endpoint is not_found). Keyset pages over (created_at, id), so a
 * page never shifts while deliveries are added; the count stops at the cap.
 */
export async function listDeliveries(
  db: DbOrTx,
  owner: WebhookOwner,
  endpointId: string,
  params: DeliveryListParams = parseListParams(deliveryListSpec, {}),
): Promise<DeliveryPage> {
  await getEndpoint(db, owner, endpointId);
  const page = await runList(db, params, deliverySource(db, endpointId, params));
  const attempts =
    page.rows.length === 0
      ? []
      : await db
          .select()
          .from(webhookDeliveryAttempts)
          .where(
            inArray(
              webhookDeliveryAttempts.deliveryId,
              page.rows.map((d) => d.id),
            ),
          )
          .orderBy(asc(webhookDeliveryAttempts.attempt));
  const byDelivery = new Map<string, AttemptView[]>();
  for (const a of attempts) {
    const list = byDelivery.get(a.deliveryId) ?? [];
    list.push({
      attempt: a.attempt,
      trigger: a.trigger === "manual" ? "manual" : "automatic",
      startedAt: a.startedAt,
      durationMs: a.durationMs,
      responseStatus: a.responseStatus,
      responseBody: a.responseBody,
      error: a.error,
    });
    byDelivery.set(a.deliveryId, list);
  }
  return {
    deliveries: page.rows.map(({ lastError: _e, ...d }) => ({ ...d, log: byDelivery.get(d.id) ?? [] })),
    nextCursor: page.nextCursor,
    prevCursor: page.prevCursor,
    count: page.count,
  };
}

/**
 * The filtered delivery log of one of the owner's endpoints (every page of it) as a CSV stream in the
 * log's order, `batchSize` deliveries at a time: one row per delivery with its last attempt's answer or
 * error. The endpoint is checked first (not_found for another owner's); response bodies stay on the page.
 */
export async function exportDeliveries(
  db: Db,
  owner: WebhookOwner,
  endpointId: string,
  params: DeliveryListParams,
  options: { batchSize?: number } = {},
): Promise<ReadableStream<Uint8Array>> {
  await getEndpoint(db, owner, endpointId);
  const { count: _count, ...source } = deliverySource(db, endpointId, params);
  return exportListCsv(
    params,
    source,
    [
      { header: "created_at", value: (d) => isoInstant(d.createdAt) },
      { header: "event", value: (d) => d.eventType },
      { header: "event_id", value: (d) => d.eventId },
      { header: "status", value: (d) => d.status },
      { header: "attempts", value: (d) => String(d.attempts) },
      {
        header: "last_http_status",
        value: (d) => (d.responseStatus === null ? "" : String(d.responseStatus)),
      },
      { header: "last_error", value: (d) => d.lastError },
      { header: "delivered_at", value: (d) => isoInstant(d.deliveredAt) },
      {
        header: "next_attempt_at",
        value: (d) => (d.status === "pending" ? isoInstant(d.nextAttemptAt) : ""),
      },
    ],
    options,
  );
}

/**
 * "Redeliver": one manual attempt now, recorded with who asked; the requester must own the endpoint.
 * The request waits for the receiver's answer (10 s at most).
 */
export async function redeliver(
  db: Db,
  owner: WebhookOwner,
  deliveryId: string,
  actor: Actor,
  options: DeliveryOptions = {},
): Promise<AttemptOutcome> {
  const [row] = await db
    .select({ endpointId: webhookEndpoints.id, url: webhookEndpoints.url, eventType: webhookEvents.type })
    .from(webhookDeliveries)
    .innerJoin(webhookEndpoints, eq(webhookEndpoints.id, webhookDeliveries.endpointId))
    .innerJoin(webhookEvents, eq(webhookEvents.id, webhookDeliveries.eventId))
    .where(and(eq(webhookDeliveries.id, deliveryId), ownedBy(owner)));
  if (!row) throw new AppError("not_found", "No such delivery.");
  const outcome = await attemptNow(db, deliveryId, actor.userId, options);
  await writeAudit(db, actor, {
    action: "webhook.redelivered",
    entityType: "webhook_endpoint",
    entityId: row.endpointId,
    resellerId: owner.resellerId,
    data: {
      url: row.url,
      event: row.eventType,
      delivery: deliveryId,
      attempt: outcome.attempt,
      result: outcome.delivered
        ? `HTTP ${outcome.responseStatus}`
        : (outcome.error ?? `HTTP ${outcome.responseStatus}`),
    },
  });
  return outcome;
}
