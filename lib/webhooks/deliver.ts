import "server-only";
import { and, eq, isNull, sql } from "drizzle-orm";
import { Webhook } from "standardwebhooks";
import type { Db, DbOrTx } from "@/db/client";
import {
  users,
  webhookDeliveries,
  webhookDeliveryAttempts,
  webhookEndpoints,
  webhookEvents,
} from "@/db/schema";
import { systemActor, writeAudit } from "@/lib/audit";
import { enqueueEmail } from "@/lib/email/outbox";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors/app-error";
import { log } from "@/lib/log";
import { postWebhook } from "./http";
import { decryptWebhookSecret } from "./secret";

/** The whole exchange with a receiver: connect, send, first 2 KB of the answer. */
export const DELIVERY_TIMEOUT_MS = 10_000;
/**
 * How long a claimed delivery is held by its worker: longer than an attempt can take, so only a worker that
 * died mid-attempt loses it, and another picks it up when the lease runs out.
 */
const LEASE_SECONDS = 60;

export type DeliveryOptions = {
  /** Seconds between automatic attempts (default WEBHOOK_RETRY_SCHEDULE). */
  retrySchedule?: readonly number[];
  timeoutMs?: number;
};

const scheduleOf = (options: DeliveryOptions) => options.retrySchedule ?? env().WEBHOOK_RETRY_SCHEDULE;

type Claimed = {
  id: string;
  attempt: number;
  /** A manual attempt's: when the automatic schedule had the delivery due before the attempt held it. */
  resumeAt?: Date;
};

/**
 * Claims the oldest due delivery of an enabled endpoint: one conditional UPDATE over a row picked with
 * FOR UPDATE SKIP LOCKED, so two workers never take the same one. The attempt number is taken and the row
 * pushed LEASE_SECONDS ahead in the same statement; the HTTP call happens outside any transaction.
 */
async function claimDueDelivery(db: Db): Promise<Claimed | null> {
  const rows = await db.execute<{ id: string; attempts: number }>(sql`
    update webhook_deliveries d
    set attempts = d.attempts + 1, next_attempt_at = now() + make_interval(secs => ${LEASE_SECONDS})
    where d.id = (
      select p.id from webhook_deliveries p
      join webhook_endpoints e on e.id = p.endpoint_id and e.disabled_at is null
      where p.status = 'pending' and p.next_attempt_at <= now()
      order by p.next_attempt_at
      limit 1
      for update of p skip locked
    )
    returning d.id, d.attempts`);
  const row = rows[0];
  return row ? { id: row.id, attempt: Number(row.attempts) } : null;
}

/** Everything one attempt sends: the endpoint's URL and secret, the event as Standard Webhooks' payload. */
async function loadMessage(db: DbOrTx, deliveryId: string) {
  const [row] = await db
    .select({
      endpointId: webhookEndpoints.id,
      url: webhookEndpoints.url,
      secretEnc: webhookEndpoints.secretEnc,
      eventId: webhookEvents.id,
      type: webhookEvents.type,
      data: webhookEvents.data,
      createdAt: webhookEvents.createdAt,
    })
    .from(webhookDeliveries)
    .innerJoin(webhookEndpoints, eq(webhookEndpoints.id, webhookDeliveries.endpointId))
    .innerJoin(webhookEvents, eq(webhookEvents.id, webhookDeliveries.eventId))
    .where(eq(webhookDeliveries.id, deliveryId));
  return row ?? null;
}

/** The JSON body every receiver gets (Standard Webhooks: type, timestamp, data). */
export function webhookPayload(event: { type: string; createdAt: Date; data: unknown }): string {
  return JSON.stringify({ type: event.type, timestamp: event.createdAt.toISOString(), data: event.data });
}

/**
 * Standard Webhooks headers: `webhook-id` is the event's id (the same on every retry and redelivery, so a
 * receiver drops duplicates), `webhook-timestamp` this attempt's time, `webhook-signature` the library's
 * HMAC-SHA256 over id, timestamp and body.
 */
export function signedHeaders(secret: string, id: string, at: Date, body: string): Record<string, string> {
  return {
    "content-type": "application/json",
    "user-agent": "Tierline-Webhooks/1.0",
    "webhook-id": id,
    "webhook-timestamp": String(Math.floor(at.getTime() / 1000)),
    "webhook-signature": new Webhook(secret).sign(id, at, body),
  };
}

export type AttemptOutcome = {
  deliveryId: string;
  attempt: number;
  delivered: boolean;
  responseStatus: number | null;
  error: string | null;
  /** Set when this failure spent the schedule: the delivery failed for good. */
  exhausted: boolean;
  /** Set when this attempt disabled the endpoint. */
  disabledEndpoint: boolean;
};

/** Sends attempt number `attempt` of a delivery and records it, with what follows from it. */
async function attempt(
  db: Db,
  claimed: Claimed,
  trigger: "automatic" | "manual",
  requestedBy: string | null,
  options: DeliveryOptions,
): Promise<AttemptOutcome> {
  const startedAt = new Date();
  const message = await loadMessage(db, claimed.id);
  if (!message) {
    return {
      deliveryId: claimed.id,
      attempt: claimed.attempt,
      delivered: false,
      responseStatus: null,
      error: "gone",
      exhausted: false,
      disabledEndpoint: false,
    };
  }
  let result: Awaited<ReturnType<typeof postWebhook>>;
  try {
    const secret = decryptWebhookSecret(message.endpointId, message.secretEnc);
    const body = webhookPayload(message);
    result = await postWebhook(
      message.url,
      body,
      signedHeaders(secret, message.eventId, startedAt, body),
      options.timeoutMs ?? DELIVERY_TIMEOUT_MS,
    );
  } catch (error) {
    // The secret could not be read (TIERLINE_SECRETS_KEY missing or changed): nothing was sent.
    result = {
      status: null,
      body: null,
      error: error instanceof Error ? error.message.slice(0, 300) : "Could not sign the message.",
      durationMs: 0,
    };
  }
  const delivered = result.status !== null && result.status >= 200 && result.status < 300;
  return db.transaction(async (tx) => {
    await tx.insert(webhookDeliveryAttempts).values({
      deliveryId: claimed.id,
      attempt: claimed.attempt,
      trigger,
      startedAt,
      durationMs: result.durationMs,
      responseStatus: result.status,
      responseBody: result.body,
      error: result.error,
      requestedBy,
    });
    const outcome: AttemptOutcome = {
      deliveryId: claimed.id,
      attempt: claimed.attempt,
      delivered,
      responseStatus: result.status,
      error: result.error,
      exhausted: false,
      disabledEndpoint: false,
    };
    if (delivered) {
      await tx
        .update(webhookDeliveries)
        .set({ status: "delivered", deliveredAt: sql`now()`, responseStatus: result.status })
        .where(eq(webhookDeliveries.id, claimed.id));
      await tx
        .update(webhookEndpoints)
        .set({ consecutiveFailures: 0 })
        .where(eq(webhookEndpoints.id, message.endpointId));
      return outcome;
    }
    const [endpoint] = await tx
      .update(webhookEndpoints)
      .set({ consecutiveFailures: sql`${webhookEndpoints.consecutiveFailures} + 1` })
      .where(eq(webhookEndpoints.id, message.endpointId))
      .returning({ failures: webhookEndpoints.consecutiveFailures });
    if (trigger === "manual") {
      // A manual attempt leaves the automatic schedule as it was; only its answer is recorded (and the
      // time it held the delivery handed back).
      await tx
        .update(webhookDeliveries)
        .set({
          responseStatus: result.status,
          ...(claimed.resumeAt ? { nextAttemptAt: claimed.resumeAt } : {}),
        })
        .where(and(eq(webhookDeliveries.id, claimed.id), eq(webhookDeliveries.status, "pending")));
      return outcome;
    }
    const schedule = scheduleOf(options);
    const [counted] = await tx
      .select({ n: sql<number>`count(*)::int` })
      .from(webhookDeliveryAttempts)
      .where(
        and(
          eq(webhookDeliveryAttempts.deliveryId, claimed.id),
          eq(webhookDeliveryAttempts.trigger, "automatic"),
        ),
      );
    const automatic = Number(counted?.n ?? 1);
    const wait = schedule[automatic - 1];
    if (wait !== undefined) {
      // Only a still-pending delivery is rescheduled (a manual redelivery may have delivered it meanwhile).
      await tx
        .update(webhookDeliveries)
        .set({ responseStatus: result.status, nextAttemptAt: sql`now() + make_interval(secs => ${wait})` })
        .where(and(eq(webhookDeliveries.id, claimed.id), eq(webhookDeliveries.status, "pending")));
      return outcome;
    }
    const [failed] = await tx
      .update(webhookDeliveries)
      .set({ status: "failed", responseStatus: result.status })
      .where(and(eq(webhookDeliveries.id, claimed.id), eq(webhookDeliveries.status, "pending")))
      .returning({ id: webhookDeliveries.id });
    outcome.exhausted = Boolean(failed);
    // Disabled only when nothing got through during a whole schedule's worth of attempts: one event the
    // receiver keeps refusing does not switch off an endpoint that accepts the others.
    if (failed && (endpoint?.failures ?? 0) >= schedule.length + 1) {
      outcome.disabledEndpoint = await disableEndpoint(
        tx,
        message.endpointId,
        `Every attempt failed for ${describeSchedule(schedule)} (last: ${result.status ? `HTTP ${result.status}` : result.error}).`,
      );
    }
    return outcome;
  });
}

/** "about 40 hours": how long the schedule keeps trying. */
export function describeSchedule(schedule: readonly number[]): string {
  const seconds = schedule.reduce((a, b) => a + b, 0);
  if (seconds < 120) return `${seconds} seconds`;
  if (seconds < 7200) return `about ${Math.round(seconds / 60)} minutes`;
  return `about ${Math.round(seconds / 3600)} hours`;
}

/**
 * Switches the endpoint off (once: a second worker finds it disabled) and emails its owner — the
 * distributor's admins, or the reseller's owners — in the same transaction.
 */
async function disableEndpoint(tx: DbOrTx, endpointId: string, reason: string): Promise<boolean> {
  const [endpoint] = await tx
    .update(webhookEndpoints)
    .set({ disabledAt: sql`now()`, disabledReason: reason, updatedAt: sql`now()` })
    .where(and(eq(webhookEndpoints.id, endpointId), isNull(webhookEndpoints.disabledAt)))
    .returning();
  if (!endpoint) return false;
  await writeAudit(tx, systemActor, {
    action: "webhook.disabled",
    entityType: "webhook_endpoint",
    entityId: endpoint.id,
    resellerId: endpoint.resellerId,
    data: { url: endpoint.url, reason },
  });
  const recipients = await tx
    .select({ email: users.email })
    .from(users)
    .where(
      and(
        isNull(users.disabledAt),
        endpoint.resellerId
          ? and(eq(users.resellerId, endpoint.resellerId), eq(users.role, "owner"))
          : and(isNull(users.resellerId), eq(users.role, "admin")),
      ),
    );
  if (recipients.length === 0) {
    log.warn({ endpointId }, "[webhooks] endpoint disabled; nobody to tell");
    return true;
  }
  const page = endpoint.resellerId ? "/portal/webhooks" : "/admin/webhooks";
  const origin = env().APP_URL?.replace(/\/+$/, "");
  await enqueueEmail(tx, {
    to: recipients.map((r) => r.email).join(", "),
    subject: "A webhook endpoint was disabled after repeated failures",
    text: [
      "Hello,",
      "",
      `Tierline stopped sending events to ${endpoint.url}: ${reason}`,
      "",
      "Events that occur while it is disabled are not queued for it. Fix the receiver, then enable the endpoint again and redeliver what it missed from its delivery log:",
      origin ? `${origin}${page}/${endpoint.id}` : `${page}/${endpoint.id}`,
    ].join("\n"),
    template: "webhook_endpoint_disabled",
    resellerId: endpoint.resellerId,
  });
  return true;
}

/**
 * Sends every due delivery (up to `limit`), `concurrency` at a time, each claimed by one worker only.
 * Returns the attempts made.
 */
export async function deliverDueWebhooks(
  db: Db,
  options: DeliveryOptions & { limit?: number; concurrency?: number } = {},
): Promise<AttemptOutcome[]> {
  const limit = options.limit ?? 100;
  const outcomes: AttemptOutcome[] = [];
  let taken = 0;
  const lane = async () => {
    while (taken < limit) {
      taken++;
      const claimed = await claimDueDelivery(db);
      if (!claimed) return;
      try {
        outcomes.push(await attempt(db, claimed, "automatic", null, options));
      } catch (err) {
        // The lease brings it back; log and keep going with the others.
        log.error({ err, deliveryId: claimed.id }, "[webhooks] recording an attempt failed");
      }
    }
  };
  await Promise.all(Array.from({ length: options.concurrency ?? 4 }, lane));
  return outcomes;
}

/** When the next pending delivery of an enabled endpoint is due (a retry or a lease), or null. */
export async function nextDueAt(db: DbOrTx): Promise<Date | null> {
  const [row] = await db
    .select({ at: sql<Date | string | null>`min(${webhookDeliveries.nextAttemptAt})` })
    .from(webhookDeliveries)
    .innerJoin(webhookEndpoints, eq(webhookEndpoints.id, webhookDeliveries.endpointId))
    .where(and(eq(webhookDeliveries.status, "pending"), isNull(webhookEndpoints.disabledAt)));
  return row?.at ? new Date(row.at) : null;
}

/**
 * A manual attempt now ("Redeliver"), whatever the delivery's status: recorded with who asked. A success
 * marks the delivery delivered; a failure changes nothing else (the automatic schedule goes on as it was).
 * The caller has checked that the delivery is the requester's.
 *
 * It takes the delivery the way a worker does, so the two never send it at once: under the row's lock it
 * refuses while another attempt is in progress (a number taken but not yet recorded, within its lease) and
 * otherwise takes the next number and holds the row LEASE_SECONDS ahead; the automatic time it had comes
 * back once the attempt is recorded.
 */
export async function attemptNow(
  db: Db,
  deliveryId: string,
  requestedBy: string | null,
  options: DeliveryOptions = {},
): Promise<AttemptOutcome> {
  const claimed = await db.transaction(async (tx) => {
    const [row] = await tx.execute<{
      attempts: number;
      recorded: number;
      leased: boolean;
      next_ms: string | number;
    }>(sql`
      select d.attempts, extract(epoch from d.next_attempt_at) * 1000 as next_ms, d.next_attempt_at > now() as leased,
        (select coalesce(max(a.attempt), 0) from webhook_delivery_attempts a where a.delivery_id = d.id) as recorded
      from webhook_deliveries d
      where d.id = ${deliveryId}
      for update of d`);
    if (!row) throw new AppError("not_found", "No such delivery.");
    if (row.leased && Number(row.attempts) > Number(row.recorded))
      throw new AppError(
        "conflict",
        "An attempt of this delivery is in progress. Wait for its answer in the log, then redeliver if needed.",
      );
    const [taken] = await tx
      .update(webhookDeliveries)
      .set({
        attempts: sql`${webhookDeliveries.attempts} + 1`,
        nextAttemptAt: sql`greatest(${webhookDeliveries.nextAttemptAt}, now() + make_interval(secs => ${LEASE_SECONDS}))`,
      })
      .where(eq(webhookDeliveries.id, deliveryId))
      .returning({ id: webhookDeliveries.id, attempts: webhookDeliveries.attempts });
    return { id: taken!.id, attempt: taken!.attempts, resumeAt: new Date(Number(row.next_ms)) };
  });
  return attempt(db, claimed, "manual", requestedBy, options);
}
