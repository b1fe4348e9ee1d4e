import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, type DbHandle } from "@/db/client";
import * as s from "@/db/schema";
import { seedDatabase } from "@/db/seed";
import type { AcronisClient } from "@/lib/acronis";
import { addDays } from "@/lib/billing";
import { todayUtc } from "@/lib/clock";
import { liveContract } from "@/lib/contracts/test-support";
import { deliverQueuedEmails, type Mailer } from "@/lib/email/deliver";
import { enqueueEmail } from "@/lib/email/outbox";
import { EMAIL_DELIVERY_QUEUE, LIFECYCLE_TICK_QUEUE, RATE_LIMIT_CLEANUP_QUEUE } from "@/lib/jobs";
import { HOURLY_SLOT, SCHEDULES } from "@/lib/jobs/scheduled";
import { startTestSimulator, waitFor } from "@/lib/provisioning/test-support";
import { startWorker, type Worker } from "./worker";

// Several workers on one database (issue 11): the hour's lifecycle tick runs once, each email is sent once.
// Both engines: pg-boss runs twice on PGlite too, behind the wire server (one session, serialised).

const db = () => globalThis.testDb.db;
let acronis: AcronisClient;
let stopSim: (() => Promise<void>) | undefined;
const handles: DbHandle[] = [];

/** A second connection pool on the test database, as another process would open. */
function connect(): DbHandle {
  const handle = createDb(globalThis.testDb.url, { max: 4, embedded: globalThis.testEngine === "pglite" });
  handles.push(handle);
  return handle;
}

/** A mail transport that records what it sends, slowly enough for deliveries to overlap. */
function recordingMailer(sent: string[]): Mailer {
  return {
    sendMail: async (mail) => {
      await new Promise((r) => setTimeout(r, 10));
      sent.push(`${mail.to}|${mail.subject}`);
    },
  };
}

function enqueueMany(handle: DbHandle, prefix: string, count: number) {
  return Promise.all(
    Array.from({ length: count }, (_, i) =>
      handle.db.transaction((tx) =>
        enqueueEmail(tx, {
          to: `${prefix}${i}@example.com`,
          subject: `${prefix} ${i}`,
          text: "x",
          template: "test",
        }),
      ),
    ),
  );
}

async function outboxKeys(): Promise<string[]> {
  const rows = await db().select().from(s.emailOutbox);
  return rows.map((r) => `${r.to}|${r.subject}`).sort();
}

beforeAll(async () => {
  await seedDatabase(db(), { today: new Date() });
  const started = await startTestSimulator();
  acronis = started.acronis;
  stopSim = () => started.sim.stop();
});

afterAll(async () => {
  for (const h of handles) await h.sql.end({ timeout: 2 });
  await stopSim?.();
});

describe("two workers on one database", () => {
  it("run the hour's lifecycle tick once and send each email once", async () => {
    await db().delete(s.emailOutbox);
    // A trial ending in 7 days: the tick queues its 7-day reminder.
    const today = todayUtc();
    const trial = await liveContract({ tierCode: "T2", today, trial: true });
    await db()
      .update(s.contracts)
      .set({ trialEndsOn: addDays(today, 7) })
      .where(eq(s.contracts.id, trial.id));
    // The contract was marked provisioned directly: its provisioning job has nothing left to do.
    await db().update(s.provisioningJobs).set({ status: "succeeded" });

    const sentA: string[] = [];
    const sentB: string[] = [];
    const [a, b] = [connect(), connect()];
    const options = { acronis, pollingIntervalSeconds: 0.5 };
    const workers: Worker[] = await Promise.all([
      startWorker({ ...options, database: a, mailer: recordingMailer(sentA) }),
      startWorker({ ...options, database: b, mailer: recordingMailer(sentB) }),
    ]);
    try {
      // Both started, and both sent this hour's tick on start; a second trigger of the slot is refused.
      const again = await Promise.all(
        workers.map((w) => w.jobs.queue.send(LIFECYCLE_TICK_QUEUE, {}, HOURLY_SLOT)),
      );
      expect(again).toEqual([null, null]);
      // Emails committed through either process while both deliver.
      await Promise.all([enqueueMany(a, "from-a", 10), enqueueMany(b, "from-b", 10)]);

      await waitFor(async () => {
        const [queued] = await db()
          .select({ n: sql<number>`count(*)::int` })
          .from(s.emailOutbox)
          .where(eq(s.emailOutbox.status, "queued"));
        const reminders = await db()
          .select()
          .from(s.emailOutbox)
          .where(
            and(
              eq(s.emailOutbox.resellerId, trial.resellerId),
              eq(s.emailOutbox.template, "trial_reminder_7"),
            ),
          );
        return queued!.n === 0 && reminders.length > 0;
      });
    } finally {
      // Graceful: running jobs finish first, so what was sent is all that will be.
      await Promise.all(workers.map((w) => w.stop()));
    }

    const ticks = await db().execute<{ state: string; singleton_key: string }>(
      sql`select state, singleton_key from pgboss.job where name = ${LIFECYCLE_TICK_QUEUE}`,
    );
    expect(ticks.map((t) => [t.state, t.singleton_key])).toEqual([["completed", "slot"]]);
    const reminders = await db()
      .select()
      .from(s.contractEvents)
      .where(and(eq(s.contractEvents.contractId, trial.id), eq(s.contractEvents.event, "trial_reminder_7")));
    expect(reminders).toHaveLength(1);

    // 20 test emails and the reminder, each sent by exactly one of the two workers.
    const outbox = await outboxKeys();
    expect(outbox).toHaveLength(21);
    expect([...sentA, ...sentB].sort()).toEqual(outbox);
    const rows = await db().select().from(s.emailOutbox);
    expect(rows.every((r) => r.status === "sent" && r.attempts === 1)).toBe(true);

    // Every worker registered the same schedules; pg-boss keeps one of each.
    const schedules = await db().execute<{ name: string; cron: string }>(
      sql`select name, cron from pgboss.schedule order by name`,
    );
    expect(schedules.map((r) => [r.name, r.cron])).toEqual(
      expect.arrayContaining([
        [EMAIL_DELIVERY_QUEUE, SCHEDULES[EMAIL_DELIVERY_QUEUE]],
        [LIFECYCLE_TICK_QUEUE, SCHEDULES[LIFECYCLE_TICK_QUEUE]],
        [RATE_LIMIT_CLEANUP_QUEUE, SCHEDULES[RATE_LIMIT_CLEANUP_QUEUE]],
      ]),
    );
  });

  it("two deliveries running at once claim different emails", async () => {
    await db().delete(s.emailOutbox);
    const [a, b] = [connect(), connect()];
    await enqueueMany(a, "race", 30);
    const sentA: string[] = [];
    const sentB: string[] = [];
    const [doneA, doneB] = await Promise.all([
      deliverQueuedEmails(a.db, { limit: 50, mailer: recordingMailer(sentA) }),
      deliverQueuedEmails(b.db, { limit: 50, mailer: recordingMailer(sentB) }),
    ]);
    expect(doneA + doneB).toBe(30);
    expect([...sentA, ...sentB].sort()).toEqual(await outboxKeys());
    const rows = await db().select().from(s.emailOutbox);
    expect(rows.every((r) => r.status === "sent" && r.attempts === 1)).toBe(true);
  });
});
