import "server-only";
import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { daysBetween } from "@/lib/billing";
import { enqueueEmails } from "@/lib/email/outbox";
import { composeReminderEmail, loadInvoiceMailFacts, loadMailBrand, mailFormatters } from "./mail";
import { toPgArray } from "./pg-array";

export type ReminderSummary = { today: string; reminded: { invoiceId: string; daysAfterDue: number }[] };

type Due = { invoice_id: string; days: number[] };

/**
 * Sends the payment reminders due on `today`: for each issued (unpaid, not void) invoice and each day d of
 * the policies' `invoice_reminder_days` with due date + d ≤ today and no `invoice_reminders` row yet. Once:
 * the row is inserted (its primary key is (invoice, d)) in the transaction that queues the email, and only
 * an invoice whose row this call inserted gets one. An invoice that reached several days at once (the job
 * did not run for a while, or the policy gained a day) gets one reminder, for the latest, and every reached
 * day is recorded. `batchSize` invoices per transaction. Safe to run any number of times, from any process.
 */
export async function sendInvoiceReminders(
  db: Db,
  input: { today: string; batchSize?: number },
): Promise<ReminderSummary> {
  const batchSize = input.batchSize ?? 500;
  const reminded: ReminderSummary["reminded"] = [];
  let after = "00000000-0000-0000-0000-000000000000";
  for (;;) {
    const batch = await db.transaction(async (tx) => {
      const due = await tx.execute<Due>(sql`
        select i.id as invoice_id, array_agg(d.days order by d.days) as days
        from invoices i
        cross join distributor_settings s
        cross join lateral unnest(s.invoice_reminder_days) as d(days)
        where s.id = 1 and i.status = 'issued' and i.due_date is not null and i.id > ${after}::uuid
          and i.due_date + d.days <= ${input.today}::date
          and not exists (
            select 1 from invoice_reminders r where r.invoice_id = i.id and r.days_after_due = d.days)
        group by i.id
        order by i.id
        limit ${batchSize}`);
      const rows = [...due];
      if (rows.length === 0) return null;
      const pairs = rows.flatMap((row) => row.days.map((days) => ({ id: row.invoice_id, days })));
      // Whoever inserts a row sends its reminder; a concurrent run waits on the key and inserts nothing.
      const inserted = await tx.execute<{ invoice_id: string; days_after_due: number }>(sql`
        insert into invoice_reminders (invoice_id, days_after_due)
        select x.id, x.days
        from unnest(${toPgArray(
          pairs.map((p) => p.id),
          true,
        )}::uuid[], ${toPgArray(
          pairs.map((p) => p.days),
          true,
        )}::int[]) as x(id, days)
        join invoices i on i.id = x.id and i.status = 'issued'
        on conflict do nothing
        returning invoice_id, days_after_due`);
      const latest = new Map<string, number>();
      for (const row of inserted) {
        latest.set(row.invoice_id, Math.max(latest.get(row.invoice_id) ?? 0, row.days_after_due));
      }
      const facts = await loadInvoiceMailFacts(tx, [...latest.keys()]);
      const brand = await loadMailBrand(tx);
      const formatters = mailFormatters();
      await enqueueEmails(
        tx,
        facts.map((f) => composeReminderEmail(f, brand, daysBetween(f.dueDate, input.today), formatters)),
      );
      return { last: rows[rows.length - 1]!.invoice_id, sent: [...latest] };
    });
    if (!batch) break;
    for (const [invoiceId, daysAfterDue] of batch.sent) reminded.push({ invoiceId, daysAfterDue });
    after = batch.last;
  }
  return { today: input.today, reminded };
}
