import type { ReactNode } from "react";
import { cn } from "./cn";

type Tone = "neutral" | "green" | "amber" | "red" | "blue";
const tones: Record<Tone, string> = {
  neutral: "bg-slate-100 text-slate-700 ring-slate-200",
  green: "bg-emerald-50 text-emerald-800 ring-emerald-200",
  amber: "bg-amber-50 text-amber-800 ring-amber-200",
  red: "bg-red-50 text-red-800 ring-red-200",
  blue: "bg-blue-50 text-blue-800 ring-blue-200",
};

export function Badge({ tone = "neutral", children }: { tone?: Tone; children: ReactNode }) {
  return (
    <span
      className={cn(
        "inline-flex items-center rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset",
        tones[tone],
      )}
    >
      {children}
    </span>
  );
}

const stateTones: Record<string, Tone> = {
  active: "green",
  trial: "blue",
  pending: "amber",
  provisioning_failed: "red",
  suspended: "amber",
  cancelled: "neutral",
  queued: "amber",
  sent: "green",
  logged: "blue",
  failed: "red",
  draft: "neutral",
  issued: "blue",
  paid: "green",
  void: "neutral",
  running: "blue",
  drafted: "amber",
  issuing: "blue",
  succeeded: "green",
  pending_verification: "neutral",
  pending_approval: "amber",
  closed: "neutral",
};

export function StateBadge({ state }: { state: string }) {
  return <Badge tone={stateTones[state] ?? "neutral"}>{state.replaceAll("_", " ")}</Badge>;
}
