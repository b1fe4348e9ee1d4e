import Link from "next/link";
import { ActivityCards } from "@/components/admin/home/activity-cards";
import { MoneyCards } from "@/components/admin/home/money-cards";
import { AdminTrendChart } from "@/components/charts/admin-trend-chart";
import { PageHeader } from "@/components/ui/page-header";
import { pageContext } from "@/lib/actions/context";
import { shiftPeriod } from "@/lib/invoices/periods";
import { backOfficeHome } from "@/lib/reports/home";

export const metadata = { title: "Back office" };

export default async function AdminHome() {
  const ctx = await pageContext("admin:read", "/admin");
  const home = await backOfficeHome(ctx.db, { today: ctx.today });
  const lastPeriod = shiftPeriod(ctx.today.slice(0, 7), -1);
  const c = home.counters;
  const counters = [
    { label: "Resellers", value: c.resellers, href: "/admin/resellers" },
    { label: "Live contracts", value: c.liveContracts, href: "/admin/resellers" },
    { label: "End customers", value: c.customers, href: "/admin/usage" },
    { label: "Emails queued", value: c.queuedEmails, href: "/admin/outbox" },
  ];
  return (
    <>
      <PageHeader
        title="Overview"
        description={`Money and the marketplace at a glance${home.currency ? `, amounts in ${home.currency}` : ""}.`}
      />
      <div className="flex flex-col gap-6">
        {home.moneyError && (
          <div
            role="alert"
            className="rounded-lg bg-amber-50 px-5 py-4 text-sm text-amber-950 ring-1 ring-amber-200"
          >
            {home.moneyError}{" "}
            <Link href="/admin/fx" className="font-semibold underline">
              Go to FX rates
            </Link>
          </div>
        )}
        <div className="grid grid-cols-1 gap-4 sm:grid-cols-2 xl:grid-cols-3">
          <MoneyCards home={home} lastPeriod={lastPeriod} />
          <ActivityCards home={home} />
        </div>
        {home.currency && (
          <AdminTrendChart
            data={home.months}
            currency={home.currency}
            title="Billed per month"
            filename="billed-per-month"
          />
        )}
        <nav aria-label="Counts">
          <ul className="grid grid-cols-2 gap-3 lg:grid-cols-4">
            {counters.map((s) => (
              <li key={s.label}>
                <Link
                  href={s.href}
                  className="flex items-baseline justify-between gap-2 rounded-lg border border-slate-200 bg-white px-4 py-3 text-sm shadow-sm hover:shadow"
                >
                  <span className="text-slate-500">{s.label}</span>
                  <span className="text-lg font-semibold tabular-nums text-slate-900">{s.value}</span>
                </Link>
              </li>
            ))}
          </ul>
        </nav>
      </div>
    </>
  );
}
