import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { type AuditField, actionLabel, auditFields, entityHref, entityLabel } from "@/lib/audit/labels";
import type { AuditEntry } from "@/lib/audit/queries";
import { formatDateTime } from "@/lib/format";

/**
 * Audit entries as a list of cards rather than a wide table, so each reads at 390 px: who did what and
 * when, a link to what changed, and the fields it changed (before → after).
 */
export function AuditEntryList({ entries }: { entries: AuditEntry[] }) {
  return (
    <ol aria-label="Audit entries" className="flex flex-col divide-y divide-slate-100">
      {entries.map((entry) => (
        <li key={entry.id}>
          <AuditEntryItem entry={entry} />
        </li>
      ))}
    </ol>
  );
}

function AuditEntryItem({ entry }: { entry: AuditEntry }) {
  const href = entityHref(entry);
  const subject = entityLabel(entry.entityType);
  const fields = auditFields(entry.data);
  const shortId = entry.entityId && entry.entityId.length > 12 ? entry.entityId.slice(0, 8) : entry.entityId;
  return (
    <article aria-labelledby={`audit-${entry.id}`} className="flex min-w-0 flex-col gap-2 px-4 py-3 sm:px-5">
      <div className="flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1">
        <h3 id={`audit-${entry.id}`} className="min-w-0 text-sm text-slate-900">
          <span className="font-semibold">{entry.actorName === "system" ? "System" : entry.actorName}</span>{" "}
          <span className="text-slate-700">{actionLabel(entry.action)}</span>
        </h3>
        <time dateTime={entry.at.toISOString()} className="text-xs whitespace-nowrap text-slate-500">
          {formatDateTime(entry.at)}
        </time>
      </div>
      <p className="flex min-w-0 flex-wrap items-center gap-x-2 gap-y-1 text-xs text-slate-500">
        <Badge>{subject}</Badge>
        {href ? (
          <Link href={href} className="font-medium break-all text-brand hover:underline">
            {subjectText(entry, subject, shortId)}
          </Link>
        ) : (
          <span className="break-all">{subjectText(entry, subject, shortId)}</span>
        )}
        {entry.actorName !== entry.actorLabel && <span className="break-all">by {entry.actorLabel}</span>}
        <span className="font-mono text-[11px] text-slate-400">{entry.action}</span>
      </p>
      {fields.length > 0 && <FieldTable fields={fields} id={entry.id} />}
    </article>
  );
}

function FieldTable({ fields, id }: { fields: AuditField[]; id: number }) {
  const isDiff = fields.some((f) => f.before !== undefined);
  return (
    <table className="w-full table-fixed text-xs" aria-label={`Details of entry ${id}`}>
      <thead className="text-left text-slate-500">
        <tr>
          <th scope="col" className="w-1/4 py-1 pr-2 font-medium">
            Field
          </th>
          {isDiff ? (
            <>
              <th scope="col" className="py-1 pr-2 font-medium">
                Before
              </th>
              <th scope="col" className="py-1 font-medium">
                After
              </th>
            </>
          ) : (
            <th scope="col" colSpan={2} className="py-1 font-medium">
              Value
            </th>
          )}
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100 align-top">
        {fields.map((f) => (
          <tr key={f.field}>
            <th scope="row" className="py-1 pr-2 text-left font-medium break-words text-slate-700">
              {f.field}
            </th>
            {f.before !== undefined ? (
              <>
                <td className="py-1 pr-2 break-words text-red-800 line-through decoration-red-300">
                  {f.before}
                </td>
                <td className="py-1 break-words text-emerald-800">{f.after}</td>
              </>
            ) : (
              <td colSpan={2} className="py-1 break-words text-slate-700">
                {f.value}
              </td>
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** "Thames Managed Services", "Contract of Thames Managed Services", "Tax rate DE", "Invoice 5b3f0a5e". */
function subjectText(entry: AuditEntry, subject: string, shortId: string | null): string {
  if (entry.entityType === "reseller" && entry.resellerName) return entry.resellerName;
  if (entry.resellerName) return `${subject} of ${entry.resellerName}`;
  return shortId ? `${subject} ${shortId}` : subject;
}
