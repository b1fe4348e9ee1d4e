import Link from "next/link";
import { CustomerTable } from "@/components/customers/customer-table";
import { StateBadge } from "@/components/ui/badge";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { pageContext, requireResellerScope } from "@/lib/actions/context";
import { formatDate, formatMoney } from "@/lib/format";
import { countText } from "@/lib/lists/count";
import { getResellerOverview } from "@/lib/portal/queries";

export const metadata = { title: "Overview" };

export default async function PortalHome() {
  const ctx = await pageContext("portal:read", "/portal");
  const user = ctx.user;
  const { reseller, contract, customers, commitment } = await getResellerOverview(
    ctx.db,
    requireResellerScope(ctx),
    ctx.today,
  );
  return (
    <>
      <PageHeader title={reseller?.name ?? "Your account"} description={`Signed in as ${user.email}`} />
      {(!contract ||
        contract.contract.state === "pending" ||
        contract.contract.state === "provisioning_failed") && (
        <div className="mb-6 flex flex-wrap items-center justify-between gap-3 rounded-lg bg-sky-50 px-5 py-4 text-sm text-sky-950 ring-1 ring-sky-200">
          <p>
            {!contract
              ? "Your sign-up is waiting to be confirmed."
              : contract.contract.state === "pending"
                ? "We are setting up your Acronis partner account."
                : "Setting up your Acronis account paused; our team has been notified."}
          </p>
          <Link href="/portal/setup" className="font-semibold text-brand hover:underline">
            See the progress →
          </Link>
        </div>
      )}
      <div className="mb-6 flex flex-wrap items-center justify-between gap-3 rounded-lg border border-slate-200 bg-white px-5 py-4 text-sm shadow-sm">
        <p className="text-slate-700">
          This month so far, the projection to its end and each customer's usage are on the usage dashboard.
        </p>
        <Link href="/portal/usage" className="font-semibold text-brand hover:underline">
          Open Usage →
        </Link>
      </div>
      <div className="grid grid-cols-1 gap-6 lg:grid-cols-3">
        <Card className="lg:col-span-1">
          <CardHeader title="Contract" description="Your commitment contract" />
          <CardBody>
            {contract ? (
              <dl className="grid grid-cols-2 gap-x-4 gap-y-3 text-sm">
                <dt className="text-slate-500">Tier</dt>
                <dd className="font-semibold text-slate-900">{contract.tier.name}</dd>
                <dt className="text-slate-500">State</dt>
                <dd>
                  <StateBadge state={contract.contract.state} />
                </dd>
                <dt className="text-slate-500">Commitment</dt>
                <dd className="tabular-nums">
                  {commitment ? `${formatMoney(commitment, contract.contract.currency)} / month` : "—"}
                </dd>
                <dt className="text-slate-500">Currency</dt>
                <dd>{contract.contract.currency}</dd>
                <dt className="text-slate-500">Paid since</dt>
                <dd>{formatDate(contract.contract.paidStart)}</dd>
                <dt className="text-slate-500">Ramp-up</dt>
                <dd>
                  {contract.contract.rampUpCycles > 0 ? `${contract.contract.rampUpCycles} cycle(s)` : "None"}
                </dd>
              </dl>
            ) : (
              <EmptyState title="No contract yet">
                It starts as soon as your sign-up is confirmed (and approved, where the distributor reviews
                new partners).
              </EmptyState>
            )}
          </CardBody>
        </Card>
        <Card className="lg:col-span-2">
          <CardHeader
            title="Customers"
            description="Customer tenants under your partner tenant (in folders and under sub-partners too). Customers in trial are listed but not billed."
            action={
              customers.count.value > 0 ? (
                <Link
                  href="/portal/customers"
                  className="whitespace-nowrap text-sm font-medium text-brand hover:underline"
                >
                  All {countText(customers.count, { one: "customer", other: "customers" })} →
                </Link>
              ) : undefined
            }
          />
          {customers.rows.length === 0 ? (
            <EmptyState title="No customers yet">
              Create customer tenants in the Acronis console; they appear here after the next usage sync.
            </EmptyState>
          ) : (
            <CustomerTable
              rows={customers.rows}
              customerHref={(customerId) => `/portal/customers/${customerId}`}
            />
          )}
          {customers.count.value > customers.rows.length && (
            <p className="border-t border-slate-100 px-5 py-3 text-sm text-slate-600">
              The first {customers.rows.length} by name: the full list searches, filters and exports them.
            </p>
          )}
        </Card>
      </div>
    </>
  );
}
