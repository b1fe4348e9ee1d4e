import "server-only";
import Link from "next/link";
import type { DbOrTx } from "@/db/client";
import { currenciesWithoutRate } from "@/lib/fx/coverage";

const reasons = {
  prices: "prices are converted from the base currency",
  commitment: "the tier commitment is USD × FX",
} as const;
const SHOWN = 10;

/**
 * Before a billing run: the reseller currencies the run for `period` could not convert into (no rate either
 * way dated on or before the invoice date). Renders nothing when every currency is covered.
 */
export async function FxCoverageWarning({ db, period }: { db: DbOrTx; period: string }) {
  const missing = await currenciesWithoutRate(db, period);
  if (missing.length === 0) return null;
  return (
    <section
      aria-labelledby="fx-coverage-title"
      className="rounded-lg border border-amber-300 bg-amber-50 px-5 py-4 text-sm text-amber-900"
    >
      <h2 id="fx-coverage-title" className="text-base font-semibold">
        No FX rate for {missing.map((m) => m.currency).join(", ")} in {period}
      </h2>
      <p className="mt-1">
        Invoices for {period} are dated {missing[0]?.invoiceDate} and need a rate dated on or before it.
        Without one, these resellers&apos; invoices cannot be rated.
      </p>
      <ul className="mt-2 flex flex-col gap-1.5">
        {missing.map((m) => (
          <li key={m.currency}>
            <span className="font-semibold">{m.currency}</span>:{" "}
            {m.missing.map((p) => `${p.from} → ${p.to} (${reasons[p.reason]})`).join("; ")} —{" "}
            {m.resellers.length} reseller{m.resellers.length === 1 ? "" : "s"}:{" "}
            {m.resellers.slice(0, SHOWN).map((r, i) => (
              <span key={r.id}>
                {i > 0 && ", "}
                <Link href={`/admin/resellers/${r.id}`} className="underline">
                  {r.name}
                </Link>
              </span>
            ))}
            {m.resellers.length > SHOWN && ` and ${m.resellers.length - SHOWN} more`}
          </li>
        ))}
      </ul>
      <p className="mt-3">
        <Link href="/admin/fx" className="font-semibold underline">
          Add the rates on the FX page
        </Link>
      </p>
    </section>
  );
}
