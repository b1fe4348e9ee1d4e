"use client";
import { QueryClient, QueryClientProvider, useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { buttonClass } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import type { SetupStatus, SetupStepView } from "@/lib/signup/status";

export function SetupProgress(props: { initial: SetupStatus; consoleUrl: string; supportEmail: string }) {
  const [client] = useState(() => new QueryClient());
  return (
    <QueryClientProvider client={client}>
      <Progress {...props} />
    </QueryClientProvider>
  );
}

const ACTIVE = new Set<SetupStatus["phase"]>(["provisioning", "awaiting_approval", "awaiting_verification"]);

function Progress({
  initial,
  consoleUrl,
  supportEmail,
}: {
  initial: SetupStatus;
  consoleUrl: string;
  supportEmail: string;
}) {
  const { data, isError } = useQuery({
    queryKey: ["portal-setup"],
    initialData: initial,
    queryFn: async (): Promise<SetupStatus> => {
      const res = await fetch("/api/portal/setup", { cache: "no-store" });
      if (!res.ok) throw new Error(`status ${res.status}`);
      return res.json();
    },
    // Live while something is happening; still once it settled.
    refetchInterval: (q) => (q.state.data && ACTIVE.has(q.state.data.phase) ? 1500 : false),
  });
  const status = data ?? initial;
  const done = status.steps.filter((s) => s.status === "done").length;
  const total = status.steps.length;
  const percent = status.phase === "ready" ? 100 : Math.round((done / Math.max(total, 1)) * 100);

  return (
    <div className="flex flex-col gap-6">
      <Headline status={status} consoleUrl={consoleUrl} supportEmail={supportEmail} />
      {status.phase !== "rejected" && status.phase !== "awaiting_verification" && (
        <section
          aria-labelledby="steps-title"
          className="rounded-lg border border-slate-200 bg-white shadow-sm"
        >
          <div className="flex items-center justify-between gap-4 border-b border-slate-100 px-5 py-4">
            <h2 id="steps-title" className="text-base font-semibold text-slate-900">
              Setting up your Acronis partner account
            </h2>
            <span className="whitespace-nowrap text-sm tabular-nums text-slate-500">
              {done} of {total} steps
            </span>
          </div>
          <div className="px-5 pt-4">
            <div
              role="progressbar"
              aria-label="Setup progress"
              aria-valuemin={0}
              aria-valuemax={100}
              aria-valuenow={percent}
              className="h-2 overflow-hidden rounded-full bg-slate-100"
            >
              <div
                className={cn(
                  "h-full rounded-full transition-all duration-500",
                  status.phase === "failed" ? "bg-amber-500" : "bg-brand",
                )}
                style={{ width: `${percent}%` }}
              />
            </div>
          </div>
          <ol aria-live="polite" className="divide-y divide-slate-100 px-5 py-2">
            {status.steps.map((step) => (
              <StepRow key={step.name} step={step} />
            ))}
          </ol>
          {isError && (
            <p className="border-t border-slate-100 px-5 py-3 text-sm text-amber-800">
              Lost contact with the server for a moment; retrying…
            </p>
          )}
        </section>
      )}
    </div>
  );
}

function Headline({
  status,
  consoleUrl,
  supportEmail,
}: {
  status: SetupStatus;
  consoleUrl: string;
  supportEmail: string;
}) {
  const plan = status.tierName ? `${status.tierName}${status.trial ? " trial" : ""}` : "your plan";
  switch (status.phase) {
    case "ready":
      return (
        <Banner tone="success" title="Your Acronis account is ready">
          <p>
            {plan} is {status.contractState === "trial" ? "running" : "active"}. Acronis sent the activation
            email to <strong>{status.activationEmailTo ?? "your email address"}</strong>
            {status.acronisLogin ? (
              <>
                {" "}
                for the login <strong>{status.acronisLogin}</strong>
              </>
            ) : null}
            : open it to set your Acronis password, then sign in to the console.
          </p>
          <div className="mt-4 flex flex-wrap gap-3">
            <a href={consoleUrl} target="_blank" rel="noreferrer" className={buttonClass("primary")}>
              Open the Acronis console
            </a>
            <Link href="/portal/contract" className={buttonClass("secondary")}>
              See your contract
            </Link>
          </div>
        </Banner>
      );
    case "failed":
      return (
        <Banner tone="warning" title="Setup paused — we're on it">
          <p>
            We couldn&apos;t finish setting up your Acronis account. Nothing you entered is lost, and our team
            has been notified automatically; the finished steps stay done and we resume from where it stopped.
            Questions? Write to{" "}
            <a className="font-medium underline" href={`mailto:${supportEmail}`}>
              {supportEmail}
            </a>
            .
          </p>
        </Banner>
      );
    case "awaiting_approval":
      return (
        <Banner tone="info" title="Your email is confirmed">
          <p>
            Our team reviews new partners before their account is set up; we&apos;ll email you as soon as{" "}
            {plan} is approved. This page updates by itself.
          </p>
        </Banner>
      );
    case "awaiting_verification":
      return (
        <Banner tone="info" title="Confirm your email">
          <p>Open the link we emailed you to start.</p>
        </Banner>
      );
    case "rejected":
      return (
        <Banner tone="warning" title="Your sign-up was not accepted">
          <p>
            We emailed you the reason. Questions? Write to{" "}
            <a className="font-medium underline" href={`mailto:${supportEmail}`}>
              {supportEmail}
            </a>
            .
          </p>
        </Banner>
      );
    default:
      return (
        <Banner tone="info" title={`Starting ${plan}`}>
          <p>
            Your contract is ordered. We are setting up your Acronis partner account now — this takes about a
            minute.
          </p>
        </Banner>
      );
  }
}

function Banner({
  tone,
  title,
  children,
}: {
  tone: "success" | "warning" | "info";
  title: string;
  children: React.ReactNode;
}) {
  return (
    <section
      aria-live="polite"
      className={cn(
        "rounded-lg p-5 ring-1 sm:p-6",
        tone === "success" && "bg-emerald-50 text-emerald-950 ring-emerald-200",
        tone === "warning" && "bg-amber-50 text-amber-950 ring-amber-200",
        tone === "info" && "bg-sky-50 text-sky-950 ring-sky-200",
      )}
    >
      <h2 className="text-lg font-semibold">{title}</h2>
      <div className="mt-1 text-sm leading-relaxed">{children}</div>
    </section>
  );
}

function StepRow({ step }: { step: SetupStepView }) {
  const label = {
    waiting: "Waiting",
    running: "In progress",
    done: "Done",
    retrying: "Retrying",
    failed: "Paused",
  }[step.status];
  return (
    <li className="flex items-center gap-3 py-3" data-step={step.name} data-status={step.status}>
      <StepIcon status={step.status} />
      <span className={cn("flex-1 text-sm", step.status === "waiting" ? "text-slate-500" : "text-slate-900")}>
        {step.label}
      </span>
      <span
        className={cn(
          "text-xs font-medium",
          step.status === "done" && "text-emerald-700",
          step.status === "running" && "text-brand",
          (step.status === "retrying" || step.status === "failed") && "text-amber-700",
          step.status === "waiting" && "text-slate-400",
        )}
      >
        {label}
      </span>
    </li>
  );
}

function StepIcon({ status }: { status: SetupStepView["status"] }) {
  if (status === "done")
    return (
      <span
        aria-hidden
        className="flex h-6 w-6 items-center justify-center rounded-full bg-emerald-600 text-xs text-white"
      >
        ✓
      </span>
    );
  if (status === "running" || status === "retrying")
    return (
      <span aria-hidden className="flex h-6 w-6 items-center justify-center">
        <span className="h-4 w-4 animate-spin rounded-full border-2 border-brand border-t-transparent" />
      </span>
    );
  if (status === "failed")
    return (
      <span
        aria-hidden
        className="flex h-6 w-6 items-center justify-center rounded-full bg-amber-500 text-xs font-bold text-white"
      >
        !
      </span>
    );
  return <span aria-hidden className="h-6 w-6 rounded-full border-2 border-slate-200" />;
}
