"use client";
import { useEffect } from "react";

/**
 * Reloads the page every few seconds while long work runs on the server (a billing run drafting or
 * issuing), so its progress shows without a manual refresh. A full reload, not router.refresh(): the
 * soft refresh did not pick up work that finishes after a server action's response.
 */
export function AutoRefresh({ active, everyMs = 2000 }: { active: boolean; everyMs?: number }) {
  useEffect(() => {
    if (!active) return;
    const t = setTimeout(() => window.location.reload(), everyMs);
    return () => clearTimeout(t);
  }, [active, everyMs]);
  return active ? (
    <p role="status" className="sr-only">
      Updating every few seconds.
    </p>
  ) : null;
}
