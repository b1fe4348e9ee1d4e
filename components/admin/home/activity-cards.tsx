import Link from "next/link";
import { formatDateTime } from "@/lib/format";
import type { BackOfficeHome } from "@/lib/reports/home";
import { TRIAL_SOON_DAYS } from "@/lib/reports/home-constants";
import { HomeCard } from "./home-card";

const JOB_KIND: Record<string, string> = {
  provision: "Setup",
  tier_change: "Tier change",
  convert: "Trial conversion",
  suspend: "Suspension",
  resume: "Resumption",
  cancel: "Cancellation",
};

/** Trials converting and provisioning failures: the channel team's to-do. */
export function ActivityCards({ home }: { home: BackOfficeHome }) {
  const { trials, failures } = home;
  return (
    <>
      <HomeCard
        label="Trials converting"
        value={`${trials.inProgress} in trial`}
        href="/admin/usage"
        linkLabel="trials ending, in the usage overview"
        tone={trials.endingSoon > 0 ? "amber" : undefined}
      >
        <span>
          {trials.endingSoon} ending within {TRIAL_SOON_DAYS} days
        </span>
        <span>{trials.convertedThisMonth} converted to paid this month</span>
      </HomeCard>
      <HomeCard
        label="Provisioning failures"
        value={String(failures.count)}
        href="/admin/resellers"
        linkLabel="resellers"
        tone={failures.count > 0 ? "red" : undefined}
      >
        {failures.jobs.length === 0 ? (
          <span>Every Acronis job went through.</span>
        ) : (
          <ul className="flex flex-col gap-1">
            {failures.jobs.map((job) => (
              <li key={job.jobId} className="min-w-0">
                <Link
                  href={`/admin/resellers/${job.resellerId}`}
                  className="font-medium text-brand hover:underline"
                >
                  {job.resellerName}
                </Link>{" "}
                <span className="text-slate-500">
                  {JOB_KIND[job.kind] ?? job.kind} failed {formatDateTime(job.failedAt)}
                </span>
                {job.lastError && <span className="block truncate text-slate-500">{job.lastError}</span>}
              </li>
            ))}
          </ul>
        )}
        {failures.failedContracts > 0 && (
          <span>
            {failures.failedContracts} contract{failures.failedContracts === 1 ? "" : "s"} waiting for a retry
          </span>
        )}
      </HomeCard>
    </>
  );
}
