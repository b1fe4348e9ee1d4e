import { Badge } from "@/components/ui/badge";
import { formatDateTime } from "@/lib/format";
import type { DatacenterStatus } from "@/lib/reconciliation/view";

/** What the latest job says, when it is newer than the stored check (else the stored check speaks). */
function jobLine(
  dc: DatacenterStatus,
): { tone: "blue" | "amber" | "red"; label: string; text: string } | null {
  const { job, check } = dc;
  if (!job) return null;
  const by = job.requestedBy ? ` (asked by ${job.requestedBy})` : "";
  switch (job.state) {
    case "created":
      return {
        tone: "amber",
        label: "waiting",
        text: `Waiting for a worker since ${formatDateTime(job.createdOn)}${by}.`,
      };
    case "active":
      return {
        tone: "blue",
        label: "running",
        text: `Acronis is building the report, since ${formatDateTime(job.startedOn ?? job.createdOn)}${by}.`,
      };
    case "retry":
      return {
        tone: "amber",
        label: "retrying",
        text: `The last attempt failed and will be retried: ${job.error}`,
      };
    case "failed":
    case "cancelled":
      // A failure older than the stored check was superseded by it.
      if (check && check.fetchedAt >= job.createdOn) return null;
      return {
        tone: "red",
        label: "failed",
        text: `The check of ${formatDateTime(job.createdOn)} failed: ${job.error ?? "cancelled"}`,
      };
    default:
      return null;
  }
}

/** Per datacenter: the check the figures come from, and a check in progress or failed since. */
export function CheckStatus({ datacenters }: { datacenters: DatacenterStatus[] }) {
  return (
    <ul className="flex flex-col divide-y divide-slate-100">
      {datacenters.map((dc) => {
        const line = jobLine(dc);
        return (
          <li key={dc.id} className="flex min-w-0 flex-col gap-1 px-5 py-3 text-sm">
            <div className="flex flex-wrap items-center gap-2">
              <span className="font-medium text-slate-900">{dc.name}</span>
              {dc.check ? <Badge tone="green">checked</Badge> : <Badge>not checked</Badge>}
              {line && <Badge tone={line.tone}>{line.label}</Badge>}
            </div>
            <p className="text-slate-600">
              {dc.check
                ? `Last check ${formatDateTime(dc.check.fetchedAt)}: ${dc.check.rowCount} customer rows, ${dc.check.fromDay} to ${dc.check.toDay}.`
                : "No check of this month yet."}
            </p>
            {line && (
              <p className={line.tone === "red" ? "break-words text-red-700" : "break-words text-slate-600"}>
                {line.text}
              </p>
            )}
          </li>
        );
      })}
    </ul>
  );
}
