import { monthLabel } from "@/components/charts/format";
import { dec } from "@/lib/billing";
import { formatDateTime, formatMoney } from "@/lib/format";
import type { BackOfficeHome } from "@/lib/reports/home";
import { HomeCard } from "./home-card";

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** Last month billed, this month projected, last month's top-ups: all in the base currency. */
export function MoneyCards({ home, lastPeriod }: { home: BackOfficeHome; lastPeriod: string }) {
  const currency = home.currency;
  const money = (amount: string | undefined) => (currency && amount ? formatMoney(amount, currency) : "—");
  const last = home.lastMonth;
  const current = home.thisMonth;
  const lastQuery = `from=${lastPeriod}&to=${lastPeriod}`;
  return (
    <>
      <HomeCard
        label="Last month billed"
        value={money(last?.total)}
        href="/admin/invoices?status=issued"
        linkLabel="issued invoices"
      >
        <span>
          {monthLabel(lastPeriod)}: {plural(last?.invoices ?? 0, "invoice")} issued, tax included
        </span>
        {last && (
          <span>
            Consumption {money(last.consumption)} · top-ups {money(last.topUps)}
          </span>
        )}
      </HomeCard>
      <HomeCard
        label="This month projected"
        value={money(current?.total)}
        href="/admin/usage"
        linkLabel="the usage overview"
      >
        {current ? (
          <>
            <span>{plural(current.invoices, "paid contract")}, usage projected to the month's end</span>
            <span>As of {home.asOf ? formatDateTime(home.asOf) : "—"}</span>
          </>
        ) : (
          <span>Projections appear after the next usage sync.</span>
        )}
      </HomeCard>
      <HomeCard
        label="Top-ups"
        value={money(last?.topUps)}
        href={`/admin/reports/margin?${lastQuery}&view=service`}
        linkLabel={`top-ups by service in ${monthLabel(lastPeriod)}`}
        tone={last && dec(last.topUps).greaterThan(0) ? "amber" : undefined}
      >
        <span>
          {monthLabel(lastPeriod)}: {plural(last?.topUpInvoices ?? 0, "invoice")} with a commitment top-up
        </span>
      </HomeCard>
    </>
  );
}
