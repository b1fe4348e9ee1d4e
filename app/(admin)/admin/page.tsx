import Link from "next/link";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { pageContext } from "@/lib/actions/context";
import { getAdminOverview } from "@/lib/admin/queries";

export const metadata = { title: "Back office" };

export default async function AdminHome() {
  const ctx = await pageContext("admin:read", "/admin");
  const o = await getAdminOverview(ctx.db);
  const stats = [
    { label: "Resellers", value: o.resellers, href: "/admin/resellers" },
    { label: "Live contracts", value: o.liveContracts, href: "/admin/resellers" },
    { label: "Trials", value: o.trials, href: "/admin/resellers" },
    { label: "Provisioning failures", value: o.failed, href: "/admin/resellers", alert: o.failed > 0 },
    { label: "End customers", value: o.customers, href: "/admin/resellers" },
    { label: "Emails queued", value: o.queuedEmails, href: "/admin/outbox" },
  ];
  return (
    <>
      <PageHeader title="Overview" description="The state of your marketplace at a glance." />
      <ul className="grid gap-4 sm:grid-cols-2 xl:grid-cols-3">
        {stats.map((s) => (
          <li key={s.label}>
            <Link href={s.href} className="block focus-visible:outline-none">
              <Card className={s.alert ? "border-red-300 p-5 hover:shadow" : "p-5 hover:shadow"}>
                <p className="text-sm text-slate-500">{s.label}</p>
                <p
                  className={`mt-1 text-3xl font-semibold tabular-nums ${s.alert ? "text-red-700" : "text-slate-900"}`}
                >
                  {s.value}
                </p>
              </Card>
            </Link>
          </li>
        ))}
      </ul>
    </>
  );
}
