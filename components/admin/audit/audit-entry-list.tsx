import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { type AuditField, actionLabel, auditFields, entityHref, entityLabel } from "@/lib/audit/labels";
import type { AuditEntry } from "@/lib/audit/queries";
import { formatDateTime } from "@/lib/format";

/**
 * The audit log as a table (When, Who, What happened, Changes). Below `sm` each row stacks into a card, so
 * an entry and its before → after values read at 390 px without scrolling sideways.
 */
export function AuditEntryList({ entries }: { entries: AuditEntry[] }) {
  const th = "px-4 py-2.5 text-left text-xs font-semibold uppercase tracking-wide text-slate-500";
  return (
    // A wide screen's table scrolls in its own box rather than the page, should a value be very long.
    <div className="relative max-w-full overflow-x-auto">
      <table className="w-full text-sm max-sm:block">
        <caption className="sr-only">Audit log</caption>
        <thead className="bg-slate-50 max-sm:hidden">
          <tr>
            <th scope="col" className={th}>
              When
            </th>
            <th scope="col" className={th}>
              Who
            </th>
            <th scope="col" className={th}>
              What happened
            </th>
            <th scope="col" className={`${th} w-[40%]`}>
              Changes
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100 max-sm:block">
          {entries.map((entry) => (
            <AuditEntryRow key={entry.id} entry={entry} />
          ))}
        </tbody>
      </table>
    </div>
  );
}

const cell = "px-4 py-3 align-top max-sm:block max-sm:p-0";

function AuditEntryRow({ entry }: { entry: AuditEntry }) {
  const href = entityHref(entry);
  const subject = entityLabel(entry.entityType);
  const fields = auditFields(entry.data);
  const shortId = entry.entityId && entry.entityId.length > 12 ? entry.entityId.slice(0, 8) : entry.entityId;
  return (
    <tr className="max-sm:flex max-sm:min-w-0 max-sm:flex-col max-sm:gap-1.5 max-sm:px-4 max-sm:py-3">
      <td className={`${cell} whitespace-nowrap text-xs text-slate-500`}>
        <time dateTime={entry.at.toISOString()}>{formatDateTime(entry.at)}</time>
      </td>
      <td className={`${cell} min-w-0`}>
        <span className="font-semibold text-slate-900">
          {entry.actorName === "system" ? "System" : entry.actorName}
        </span>
        {entry.actorName !== entry.actorLabel && (
          <span className="block text-xs break-all text-slate-500">{entry.actorLabel}</span>
        )}
      </td>
      <td className={`${cell} min-w-0`}>
        <span className="block text-slate-900">{actionLabel(entry.action)}</span>
        <span className="mt-1 flex min-w-0 flex-wrap items-center gap-x-2 gap-y-1 text-xs text-slate-500">
          <Badge>{subject}</Badge>
          {href ? (
            <Link href={href} className="font-medium break-all text-brand hover:underline">
              {subjectText(entry, subject, shortId)}
            </Link>
          ) : (
            <span className="break-all">{subjectText(entry, subject, shortId)}</span>
          )}
          <span className="font-mono text-[11px] text-slate-400">{entry.action}</span>
        </span>
      </td>
      <td className={`${cell} min-w-0`}>
        {fields.length > 0 ? (
          <FieldTable fields={fields} id={entry.id} />
        ) : (
          <span className="text-xs text-slate-400 max-sm:hidden">—</span>
        )}
      </td>
    </tr>
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
