import { and, eq, inArray } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import * as s from "@/db/schema";
import { seedDatabase } from "@/db/seed";
import { systemActor } from "@/lib/audit";
import { addDays } from "@/lib/billing";
import { deliverQueuedEmails, type MailAttachment, type Mailer } from "@/lib/email/deliver";
import { startBillingRun } from "./billing-run";
import { markPaid } from "./invoice-status";
import { issueBillingRun } from "./issue";
import { INVOICE_ISSUED_TEMPLATE, INVOICE_REMINDER_TEMPLATE } from "./mail";
import { sendInvoiceReminders } from "./reminders";
import { invoicesOf } from "./test-support";

const db = () => globalThis.testDb.db;
const actor = systemActor;
const TODAY = "2026-11-24";
const PERIOD = "2026-10";

type Sent = Parameters<Mailer["sendMail"]>[0];
function recordingMailer(sent: Sent[]): Mailer {
  return {
    sendMail: async (mail) => {
      sent.push(mail);
      return { messageId: String(sent.length) };
    },
  };
}

async function emailsOf(template: string, invoiceIds: string[]) {
  if (invoiceIds.length === 0) return [];
  const rows = await db()
    .select({ mail: s.emailOutbox, file: s.emailAttachments })
    .from(s.emailOutbox)
    .innerJoin(s.emailAttachments, eq(s.emailAttachments.emailId, s.emailOutbox.id))
    .where(and(eq(s.emailOutbox.template, template), inArray(s.emailAttachments.invoiceId, invoiceIds)));
  return rows;
}

let issued: (typeof s.invoices.$inferSelect)[] = [];
let contactsOf: Map<string, string> = new Map();

beforeAll(async () => {
  await seedDatabase(db(), { today: new Date(`${TODAY}T00:00:00Z`) });
  await db()
    .update(s.distributorSettings)
    .set({ paymentTermsDays: 14, invoiceReminderDays: [7, 14] });
  // One reseller with two billing contacts besides its billing email (one a duplicate in other case).
  const resellers = await db().select().from(s.resellers).orderBy(s.resellers.name);
  const withContacts = resellers[0]!;
  await db()
    .update(s.resellers)
    .set({
      billingContacts: ["ap@example.com", "controller@example.com", withContacts.billingEmail.toUpperCase()],
    })
    .where(eq(s.resellers.id, withContacts.id));
  contactsOf = new Map(
    resellers.map((r) => [
      r.id,
      r.id === withContacts.id
        ? [r.billingEmail, "ap@example.com", "controller@example.com"].join(", ")
        : r.billingEmail,
    ]),
  );
  const run = await startBillingRun(db(), { period: PERIOD, actor, today: TODAY });
  await issueBillingRun(db(), { runId: run.id, actor, today: TODAY, batchSize: 2 });
  issued = await invoicesOf(db(), PERIOD);
});

describe("issuing a run emails every invoice", () => {
  it("queues exactly one email per invoice, to the billing email and contacts, with its PDF", async () => {
    expect(issued.length).toBeGreaterThanOrEqual(3);
    const rows = await emailsOf(
      INVOICE_ISSUED_TEMPLATE,
      issued.map((i) => i.id),
    );
    expect(rows).toHaveLength(issued.length);
    // The reseller with contacts is billed this month: its email goes to all three addresses.
    expect(rows.filter((r) => r.mail.to.includes("ap@example.com, controller@example.com"))).toHaveLength(1);
    const [settings] = await db().select().from(s.distributorSettings);
    for (const invoice of issued) {
      expect(invoice.status).toBe("issued");
      expect(invoice.dueDate).toBe(addDays(TODAY, 14));
      const mine = rows.filter((r) => r.file.invoiceId === invoice.id);
      expect(mine).toHaveLength(1);
      const { mail, file } = mine[0]!;
      expect(mail.to).toBe(contactsOf.get(invoice.resellerId));
      expect(mail.resellerId).toBe(invoice.resellerId);
      expect(mail.subject).toBe(`Invoice ${invoice.number} from ${settings!.name} — October 2026`);
      expect(mail.text).toContain(`/portal/invoices/${invoice.id}`);
      expect(mail.text).toMatch(/Due date: Dec 8, 2026/);
      expect(file.filename).toBe(`${invoice.number}.pdf`);
      expect(file.contentType).toBe("application/pdf");
      expect(file.content).toBeNull();
    }
    // One attachment per email, no more.
    const all = await db()
      .select()
      .from(s.emailAttachments)
      .where(
        inArray(
          s.emailAttachments.emailId,
          rows.map((r) => r.mail.id),
        ),
      );
    expect(all).toHaveLength(issued.length);
  });

  it("sends the invoice's rendered PDF with the email through the mail server", async () => {
    const sent: Sent[] = [];
    await deliverQueuedEmails(db(), { limit: 100, mailer: recordingMailer(sent) });
    const invoiceMails = sent.filter((m) => m.subject.startsWith("Invoice "));
    expect(invoiceMails).toHaveLength(issued.length);
    for (const mail of invoiceMails) {
      const files: MailAttachment[] = mail.attachments ?? [];
      expect(files).toHaveLength(1);
      const [pdf] = files;
      expect(pdf!.filename).toMatch(/^INV-2026-\d{6}\.pdf$/);
      expect(pdf!.contentType).toBe("application/pdf");
      expect(pdf!.content.length).toBeGreaterThan(1000);
      expect(pdf!.content.subarray(0, 4).toString()).toBe("%PDF");
      // The PDF is the invoice named in the subject.
      const number = pdf!.filename.replace(/\.pdf$/, "");
      expect(mail.subject).toContain(number);
      expect(pdf!.content.toString("latin1")).toContain(number);
    }
    const rows = await emailsOf(
      INVOICE_ISSUED_TEMPLATE,
      issued.map((i) => i.id),
    );
    expect(rows.every((r) => r.mail.status === "sent")).toBe(true);
  });

  it("sends the real thing through a nodemailer transport", async () => {
    const nodemailer = (await import("nodemailer")).default;
    const transport = nodemailer.createTransport({ streamTransport: true, buffer: true });
    const [invoice] = issued;
    const sent: Buffer[] = [];
    const mailer: Mailer = {
      sendMail: async (mail) => {
        const info = await transport.sendMail(mail);
        sent.push(info.message as Buffer);
        return info;
      },
    };
    // Queue the invoice's email again (the first went out above) and deliver it with nodemailer.
    const [row] = await emailsOf(INVOICE_ISSUED_TEMPLATE, [invoice!.id]);
    await db().update(s.emailOutbox).set({ status: "queued" }).where(eq(s.emailOutbox.id, row!.mail.id));
    expect(await deliverQueuedEmails(db(), { mailer })).toBe(1);
    const message = sent[0]!.toString("utf8");
    expect(message).toContain(`filename=${invoice!.number}.pdf`);
    expect(message).toContain("Content-Type: application/pdf");
    // "%PDF" in base64.
    expect(message).toContain("JVBERi");
  });
});

describe("payment reminders", () => {
  it("reminds an invoice 7 days past due once, and a paid one never", async () => {
    const [late, paid, ...rest] = issued;
    const dueDate = late!.dueDate!;
    await markPaid(db(), { invoiceId: paid!.id, actor });
    const before = await sendInvoiceReminders(db(), { today: addDays(dueDate, 6) });
    expect(before.reminded).toEqual([]);

    const today = addDays(dueDate, 7);
    const run = await sendInvoiceReminders(db(), { today });
    const remindedIds = run.reminded.map((r) => r.invoiceId).sort();
    expect(remindedIds).toEqual([late!.id, ...rest.map((i) => i.id)].sort());
    expect(run.reminded.every((r) => r.daysAfterDue === 7)).toBe(true);

    const mails = await emailsOf(INVOICE_REMINDER_TEMPLATE, [late!.id]);
    expect(mails).toHaveLength(1);
    expect(mails[0]!.mail.to).toBe(contactsOf.get(late!.resellerId));
    expect(mails[0]!.mail.subject).toContain(`invoice ${late!.number}`);
    expect(mails[0]!.mail.subject).toContain("7 days overdue");
    expect(mails[0]!.file.filename).toBe(`${late!.number}.pdf`);
    expect(await emailsOf(INVOICE_REMINDER_TEMPLATE, [paid!.id])).toHaveLength(0);

    // Again the same day, and the next: nothing more.
    expect((await sendInvoiceReminders(db(), { today })).reminded).toEqual([]);
    expect((await sendInvoiceReminders(db(), { today: addDays(today, 1) })).reminded).toEqual([]);
    expect(await emailsOf(INVOICE_REMINDER_TEMPLATE, [late!.id])).toHaveLength(1);
    const rows = await db()
      .select()
      .from(s.invoiceReminders)
      .where(eq(s.invoiceReminders.invoiceId, late!.id));
    expect(rows.map((r) => r.daysAfterDue)).toEqual([7]);

    // Day 14 brings the second reminder; the paid invoice still gets none.
    const second = await sendInvoiceReminders(db(), { today: addDays(dueDate, 14) });
    expect(second.reminded.find((r) => r.invoiceId === late!.id)?.daysAfterDue).toBe(14);
    expect(second.reminded.some((r) => r.invoiceId === paid!.id)).toBe(false);
    expect(await emailsOf(INVOICE_REMINDER_TEMPLATE, [late!.id])).toHaveLength(2);
  });

  it("sends one reminder for several days reached at once, and records each day", async () => {
    // A fresh invoice of another month, checked long after its due date: one email, both days recorded.
    const run = await startBillingRun(db(), { period: "2026-09", actor, today: TODAY });
    await issueBillingRun(db(), { runId: run.id, actor, today: TODAY });
    const [invoice] = await invoicesOf(db(), "2026-09");
    const result = await sendInvoiceReminders(db(), { today: addDays(invoice!.dueDate!, 40) });
    expect(result.reminded.filter((r) => r.invoiceId === invoice!.id)).toEqual([
      { invoiceId: invoice!.id, daysAfterDue: 14 },
    ]);
    expect(await emailsOf(INVOICE_REMINDER_TEMPLATE, [invoice!.id])).toHaveLength(1);
    const rows = await db()
      .select()
      .from(s.invoiceReminders)
      .where(eq(s.invoiceReminders.invoiceId, invoice!.id));
    expect(rows.map((r) => r.daysAfterDue).sort((a, b) => a - b)).toEqual([7, 14]);
  });
});
