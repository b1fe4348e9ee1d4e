import "server-only";
import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import type postgres from "postgres";
import type { DbOrTx } from "@/db/client";
import type { WebhookEventType } from "@/db/schema";
import { toPgArray } from "@/lib/invoices/pg-array";

/** The channel a committed event with deliveries is announced on (the worker's delivery wakes at once). */
export const WEBHOOK_CHANNEL = "tierline_webhooks";

export type WebhookEventInput = {
  type: WebhookEventType;
  /** The reseller the event concerns: its own endpoints receive it, besides the distributor's. */
  resellerId: string | null;
  /** The resource's public shape (docs/WEBHOOKS.md): ids, numbers, amounts as decimal strings. */
  data: Record<string, unknown>;
};

/**
 * Writes events in the caller's transaction, with one pending delivery per enabled endpoint subscribed to
 * the type that may see it (the distributor's endpoints see every event, a reseller's only its own
 * reseller's). Set-based, so a billing run's batch of a thousand invoices costs one statement. A rolled-back
 * change leaves no event; a committed one wakes the delivery worker (NOTIFY on commit), and the worker's
 * per-minute sweep finds any delivery a missed notification left, so the rows are the truth.
 */
export async function emitEvents(tx: DbOrTx, events: readonly WebhookEventInput[]): Promise<string[]> {
  if (events.length === 0) return [];
  const ids = events.map(() => randomUUID());
  const deliveries = await tx.execute(sql`
    with ev as (
      insert into webhook_events (id, type, reseller_id, data)
      select x.id, x.type, x.reseller_id, x.data::jsonb
      from unnest(
        ${toPgArray(ids, true)}::uuid[], ${toPgArray(events.map((e) => e.type))}::text[],
        ${toPgArray(
          events.map((e) => e.resellerId),
          true,
        )}::uuid[], ${toPgArray(events.map((e) => JSON.stringify(e.data)))}::text[]
      ) as x(id, type, reseller_id, data)
      returning id, type, reseller_id
    )
    insert into webhook_deliveries (endpoint_id, event_id)
    select e.id, ev.id
    from ev join webhook_endpoints e
      on e.disabled_at is null
      and ev.type = any(e.events)
      and (e.reseller_id is null or e.reseller_id = ev.reseller_id)`);
  if (deliveries.count > 0) await tx.execute(sql`select pg_notify(${WEBHOOK_CHANNEL}, '')`);
  return ids;
}

/** One event; see emitEvents. */
export async function emitEvent(tx: DbOrTx, event: WebhookEventInput): Promise<string> {
  const [id] = await emitEvents(tx, [event]);
  return id!;
}

/**
 * Calls `onEvent` whenever a transaction that created deliveries commits. postgres.js keeps the listening
 * connection open and listens again after a reconnect. Returns the function that stops listening.
 */
export async function listenForWebhookEvents(
  client: postgres.Sql,
  onEvent: () => void,
): Promise<() => Promise<void>> {
  const listening = await client.listen(WEBHOOK_CHANNEL, () => onEvent());
  return () => listening.unlisten();
}
