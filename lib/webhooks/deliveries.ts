import "server-only";
import { and, asc, desc, eq, inArray, sql } from "drizzle-orm";
import type { Db, DbOrTx } from "@/db/client";
import { webhookDeliveries, webhookDeliveryAttempts, webhookEndpoints, webhookEvents } from "@/db/schema";
import { type Actor, writeAudit } from "@/lib/audit";
import { AppError } from "@/lib/errors/app-error";
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
 * An endpoint's deliveries, newest first (created_at, then id), with every attempt. Keyset paging: `before`
 * is the last shown delivery's id; `next` names the page after this one.
 */
export async function listDeliveries(
  db: DbOrTx,
  owner: WebhookOwner,
  endpointId: string,
  options: { before?: string; limit?: number } = {},
): Promise<{ deliveries: DeliveryView[]; next: string | null }> {
  await getEndpoint(db, owner, endpointId);
  const limit = options.limit ?? DELIVERIES_PER_PAGE;
  const rows = await db
    .select({
      id: webhookDeliveries.id,
      eventId: webhookEvents.id,
      eventType: webhookEvents.type,
      createdAt: webhookDeliveries.createdAt,
      status: webhookDeliveries.status,
      attempts: webhookDeliveries.attempts,
      responseStatus: webhookDeliveries.responseStatus,
      nextAttemptAt: webhookDeliveries.nextAttemptAt,
      deliveredAt: webhookDeliveries.deliveredAt,
    })
    .from(webhookDeliveries)
    .innerJoin(webhookEvents, eq(webhookEvents.id, webhookDeliveries.eventId))
    .where(
      and(
        eq(webhookDeliveries.endpointId, endpointId),
        // Compared in SQL with the cursor row itself: created_at has microseconds (a JavaScript Date only
        // milliseconds), and the deliveries of one transaction (a billing run's) share one now(). A cursor
        // that is not this endpoint's gives no rows.
        options.before
          ? sql`(${webhookDeliveries.createdAt}, ${webhookDeliveries.id}) < (
              select c.created_at, c.id from webhook_deliveries c
              where c.id = ${options.before} and c.endpoint_id = ${endpointId})`
          : undefined,
      ),
    )
    .orderBy(desc(webhookDeliveries.createdAt), desc(webhookDeliveries.id))
    .limit(limit + 1);
  const page = rows.slice(0, limit);
  const attempts =
    page.length === 0
      ? []
      : await db
          .select()
          .from(webhookDeliveryAttempts)
          .where(
            inArray(
              webhookDeliveryAttempts.deliveryId,
              page.map((d) => d.id),
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
    deliveries: page.map((d) => ({ ...d, log: byDelivery.get(d.id) ?? [] })),
    next: rows.length > limit ? (page.at(-1)?.id ?? null) : null,
  };
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
