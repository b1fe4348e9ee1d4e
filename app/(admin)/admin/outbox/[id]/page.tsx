import Link from "next/link";
import { notFound } from "next/navigation";
import { z } from "zod";
import { StateBadge } from "@/components/ui/badge";
import { Card, CardBody } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { pageContext } from "@/lib/actions/context";
import { getOutboxEmail } from "@/lib/admin/queries";
import { mailServerConfigured } from "@/lib/email/deliver";
import { mayReadOneTimeLinks } from "@/lib/email/one-time-links";
import { listEmailAttachments } from "@/lib/email/outbox-queries";
import { isDemoMode } from "@/lib/env";
import { formatDateTime } from "@/lib/format";

export default async function OutboxEmailPage({ params }: { params: Promise<{ id: string }> }) {
  const ctx = await pageContext("admin:read", "/admin/outbox");
  const user = ctx.user;
  const id = z
    .string()
    .uuid()
    .safeParse((await params).id);
  if (!id.success) notFound();
  const mail = await getOutboxEmail(ctx.db, id.data);
  if (!mail) notFound();
  const attachments = await listEmailAttachments(ctx.db, mail.id);
  const mailServer = mailServerConfigured();
  // The full text (with its single-use tokens) only for the admin of a demo with no mail server; everyone
  // else reads the copy the sender redacted when it queued the email.
  const body = mayReadOneTimeLinks(user.role, { demo: isDemoMode(), mailServerConfigured: mailServer })
    ? { text: mail.text, hidden: 0 }
    : { text: mail.displayText, hidden: mail.hiddenSecrets };
  return (
    <>
      <PageHeader
        title={mail.subject}
        description={
          <Link href="/admin/outbox" className="text-brand hover:underline">
            ← Email outbox
          </Link>
        }
      />
      <Card>
        <CardBody>
          <dl className="grid grid-cols-[6rem_minmax(0,1fr)] gap-y-2 text-sm sm:grid-cols-[8rem_minmax(0,1fr)]">
            <dt className="text-slate-500">To</dt>
            <dd className="break-words">{mail.to}</dd>
            <dt className="text-slate-500">Status</dt>
            <dd>
              <StateBadge state={mail.status} />{" "}
              {mail.lastError && <span className="text-red-700">{mail.lastError}</span>}
            </dd>
            <dt className="text-slate-500">Queued</dt>
            <dd>{formatDateTime(mail.createdAt)}</dd>
            <dt className="text-slate-500">Template</dt>
            <dd>{mail.template}</dd>
            {attachments.length > 0 && (
              <>
                <dt className="text-slate-500">Attachments</dt>
                <dd>
                  <ul aria-label="Attachments" className="flex flex-col gap-1">
                    {attachments.map((file) => (
                      <li key={file.id} className="break-words">
                        <a
                          href={`/admin/outbox/${mail.id}/attachments/${file.id}`}
                          download={file.filename}
                          className="font-medium text-brand hover:underline"
                        >
                          {file.filename}
                        </a>{" "}
                        <span className="text-slate-500">
                          {file.contentType === "application/pdf" ? "PDF" : file.contentType}
                          {file.invoiceId ? (
                            <>
                              {", invoice "}
                              <Link href={`/admin/invoices/${file.invoiceId}`} className="hover:underline">
                                {file.invoiceNumber ?? "draft"}
                              </Link>
                              {" (rendered when sent)"}
                            </>
                          ) : file.bytes !== null ? (
                            `, ${new Intl.NumberFormat("en-US").format(file.bytes)} bytes`
                          ) : null}
                        </span>
                      </li>
                    ))}
                  </ul>
                </dd>
              </>
            )}
          </dl>
          {body.hidden > 0 && (
            <p className="mt-6 rounded-md bg-amber-50 px-4 py-3 text-sm text-amber-900 ring-1 ring-amber-200">
              {body.hidden === 1 ? "One single-use link is" : `${body.hidden} single-use links are`} hidden:{" "}
              {!mailServer && isDemoMode()
                ? `only the distributor administrator sees ${body.hidden === 1 ? "it" : "them"} here (no mail server is configured, so this email goes nowhere else).`
                : `${body.hidden === 1 ? "it is" : "they are"} for the recipient's eyes only.`}{" "}
              Someone who lost theirs can ask for a new one: “Forgot your password?” on the sign-in page, or
              “Resend the link” after signing up.
            </p>
          )}
          <pre
            data-testid="email-body"
            className="mt-6 whitespace-pre-wrap rounded-md bg-slate-50 p-4 font-sans text-sm leading-6 text-slate-800 ring-1 ring-slate-200"
          >
            {body.text}
          </pre>
        </CardBody>
      </Card>
    </>
  );
}
