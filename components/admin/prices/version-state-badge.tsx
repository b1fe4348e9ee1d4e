import { Badge } from "@/components/ui/badge";
import type { VersionState } from "@/lib/prices/versions";

const tones = { "in force": "green", scheduled: "blue", past: "neutral" } as const;

export function VersionStateBadge({ state }: { state: VersionState }) {
  return <Badge tone={tones[state]}>{state}</Badge>;
}
