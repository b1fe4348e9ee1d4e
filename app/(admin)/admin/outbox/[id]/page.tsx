import Link from "next/link";
import { notFound } from "next/navigation";
import { z } from "zod";
import { StateBadge } from "@/components/ui/badge";
import { Card, CardBody } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { getDb } from "@/db/client";
import { getOutboxEmail } from "@/lib/admin/queries";
import { requirePageUser } from "@/lib/auth/guard";
import { formatDateTime } from "@/lib/format";

export default async function OutboxEmailPage({ params }: { params: Promise<{ id: string }> }) {
  await requirePageUser("admin:read", "/admin/outbox");
  const id = z
    .string()
    .uuid()
    .safeParse((await params).id);
  if (!id.success) notFound();
  const mail = await getOutboxEmail(getDb(), id.data);
  if (!mail) notFound();
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
          <dl className="grid grid-cols-[8rem_1fr] gap-y-2 text-sm">
            <dt className="text-slate-500">To</dt>
            <dd>{mail.to}</dd>
            <dt className="text-slate-500">Status</dt>
            <dd>
              <StateBadge state={mail.status} />{" "}
              {mail.lastError && <span className="text-red-700">{mail.lastError}</span>}
            </dd>
            <dt className="text-slate-500">Queued</dt>
            <dd>{formatDateTime(mail.createdAt)}</dd>
            <dt className="text-slate-500">Template</dt>
            <dd>{mail.template}</dd>
          </dl>
          <pre
            data-testid="email-body"
            className="mt-6 whitespace-pre-wrap rounded-md bg-slate-50 p-4 font-sans text-sm leading-6 text-slate-800 ring-1 ring-slate-200"
          >
            {mail.text}
          </pre>
        </CardBody>
      </Card>
    </>
  );
}
