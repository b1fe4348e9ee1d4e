import "server-only";
import { eq, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { distributorSettings, invoices, resellers } from "@/db/schema";
import { enqueueEmails, type OutgoingEmail } from "@/lib/email/outbox";
import { env } from "@/lib/env";
import { type DocumentFormatters, documentFormatters } from "@/lib/format";
import { toPgArray } from "./pg-array";

/** The outbox template of the email that carries a newly issued invoice. */
export const INVOICE_ISSUED_TEMPLATE = "invoice_issued";
/** The outbox template of a payment reminder for an unpaid invoice past its due date. */
export const INVOICE_REMINDER_TEMPLATE = "invoice_reminder";

/** What an invoice email says, read in one query for a whole batch. */
export type InvoiceMailFacts = {
  invoiceId: string;
  resellerId: string;
  resellerName: string;
  number: string;
  period: string;
  currency: string;
  total: string;
  dueDate: string;
  recipients: string;
};

/**
 * The reseller's billing email and its billing contacts as one To list, each address once (compared
 * without case). One email per invoice: every contact sees who else received it, and the outbox, the
 * delivery and the "one email per invoice" guarantee stay simple.
 */
export function invoiceRecipients(billingEmail: string, contacts: readonly string[]): string {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const raw of [billingEmail, ...contacts]) {
    const address = raw.trim();
    if (!address || seen.has(address.toLowerCase())) continue;
    seen.add(address.toLowerCase());
    out.push(address);
  }
  return out.join(", ");
}

/** The origin of emailed links: APP_URL, else the distributor's host name. */
export function mailOrigin(hostName: string): string {
  const configured = env().APP_URL;
  if (configured) return configured;
  return hostName === "localhost" ? `http://localhost:${env().PORT ?? 3000}` : `https://${hostName}`;
}

export function invoicePdfName(number: string): string {
  return `${number}.pdf`;
}

type Brand = { name: string; origin: string };

/**
 * Formatters per currency, built once per batch: an Intl formatter costs far more to build than to use, and
 * a billing run formats thousands of emails. Amounts in the currency's own decimals (totals are rounded to
 * them), dates in UTC.
 */
export function mailFormatters(): (currency: string) => DocumentFormatters {
  const byCurrency = new Map<string, DocumentFormatters>();
  const periods = new Map<string, string>();
  return (currency) => {
    let fmt = byCurrency.get(currency);
    if (!fmt) {
      const plain = documentFormatters(currency, "en-US");
      // The period's label builds a formatter per call: remember each month's.
      const period = (p: string) => {
        let label = periods.get(p);
        if (label === undefined) {
          label = plain.period(p);
          periods.set(p, label);
        }
        return label;
      };
      fmt = { ...plain, period };
      byCurrency.set(currency, fmt);
    }
    return fmt;
  };
}

export function composeIssuedEmail(
  facts: InvoiceMailFacts,
  brand: Brand,
  formatters = mailFormatters(),
): OutgoingEmail {
  const fmt = formatters(facts.currency);
  const period = fmt.period(facts.period);
  return {
    to: facts.recipients,
    subject: `Invoice ${facts.number} from ${brand.name} — ${period}`,
    text:
      `Hello ${facts.resellerName},\n\n` +
      `Your invoice ${facts.number} for ${period} is attached.\n\n` +
      `Total: ${fmt.money(facts.total)}\n` +
      `Due date: ${fmt.date(facts.dueDate)}\n\n` +
      `View it in your portal: ${brand.origin}/portal/invoices/${facts.invoiceId}\n\n` +
      `${brand.name}\n`,
    template: INVOICE_ISSUED_TEMPLATE,
    resellerId: facts.resellerId,
    attachments: [
      { filename: invoicePdfName(facts.number), contentType: "application/pdf", invoiceId: facts.invoiceId },
    ],
  };
}

export function composeReminderEmail(
  facts: InvoiceMailFacts,
  brand: Brand,
  daysOverdue: number,
  formatters = mailFormatters(),
): OutgoingEmail {
  const fmt = formatters(facts.currency);
  const period = fmt.period(facts.period);
  const late = daysOverdue === 1 ? "1 day" : `${daysOverdue} days`;
  return {
    to: facts.recipients,
    subject: `Reminder: invoice ${facts.number} from ${brand.name} is ${late} overdue`,
    text:
      `Hello ${facts.resellerName},\n\n` +
      `Our records show invoice ${facts.number} for ${period} as unpaid. ` +
      `It was due on ${fmt.date(facts.dueDate)}, ${late} ago. A copy is attached.\n\n` +
      `Amount due: ${fmt.money(facts.total)}\n\n` +
      `View it in your portal: ${brand.origin}/portal/invoices/${facts.invoiceId}\n\n` +
      "If you have paid it already, thank you, and please ignore this reminder.\n\n" +
      `${brand.name}\n`,
    template: INVOICE_REMINDER_TEMPLATE,
    resellerId: facts.resellerId,
    attachments: [
      { filename: invoicePdfName(facts.number), contentType: "application/pdf", invoiceId: facts.invoiceId },
    ],
  };
}

/** The facts of the invoices' emails (issued ones: numbered, with a due date), in one query. */
export async function loadInvoiceMailFacts(
  db: DbOrTx,
  invoiceIds: readonly string[],
): Promise<InvoiceMailFacts[]> {
  if (invoiceIds.length === 0) return [];
  const rows = await db
    .select({
      invoiceId: invoices.id,
      resellerId: invoices.resellerId,
      resellerName: resellers.name,
      number: invoices.number,
      period: invoices.period,
      currency: invoices.currency,
      total: invoices.total,
      dueDate: invoices.dueDate,
      billingEmail: resellers.billingEmail,
      billingContacts: resellers.billingContacts,
    })
    .from(invoices)
    .innerJoin(resellers, eq(resellers.id, invoices.resellerId))
    .where(sql`${invoices.id} = any(${toPgArray(invoiceIds, true)}::uuid[])`)
    .orderBy(invoices.number);
  return rows.map(({ billingEmail, billingContacts, number, dueDate, ...row }) => {
    if (!number || !dueDate) throw new Error(`Invoice ${row.invoiceId} is not issued`);
    return { ...row, number, dueDate, recipients: invoiceRecipients(billingEmail, billingContacts) };
  });
}

export async function loadMailBrand(db: DbOrTx): Promise<Brand> {
  const [settings] = await db
    .select({ name: distributorSettings.name, hostName: distributorSettings.hostName })
    .from(distributorSettings)
    .where(eq(distributorSettings.id, 1));
  return { name: settings?.name ?? "Tierline", origin: mailOrigin(settings?.hostName ?? "localhost") };
}

/**
 * Queues one email per issued invoice, with its PDF attached, inside the issuing transaction: a rollback
 * takes the emails with it, a commit sends them. A few statements per batch, whatever its size.
 */
export async function queueIssuedInvoiceEmails(db: DbOrTx, invoiceIds: readonly string[]): Promise<number> {
  const facts = await loadInvoiceMailFacts(db, invoiceIds);
  if (facts.length === 0) return 0;
  const brand = await loadMailBrand(db);
  const formatters = mailFormatters();
  await enqueueEmails(
    db,
    facts.map((f) => composeIssuedEmail(f, brand, formatters)),
  );
  return facts.length;
}
