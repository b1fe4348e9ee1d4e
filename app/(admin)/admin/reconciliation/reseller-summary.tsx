import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { Table, Td, Th } from "@/components/ui/table";
import { formatMoney, formatNumber } from "@/lib/format";
import type { CustomerRow, Money, ResellerRow, ServiceRow } from "@/lib/reconciliation/compare";
import { FLAG_LABELS } from "@/lib/reconciliation/csv";

const quantity = (value: string) => formatNumber(value, 4);

/** A difference with its sign: "+7", "−3.5", "0". */
function signed(value: string): string {
  if (/^-?0(\.0+)?$/.test(value)) return "0";
  return value.startsWith("-") ? `−${quantity(value.slice(1))}` : `+${quantity(value)}`;
}

function moneyList(list: Money[]): string {
  const shown = list.filter((m) => !/^-?0(\.0+)?$/.test(m.amount));
  return shown.length === 0 ? "—" : shown.map((m) => formatMoney(m.amount, m.currency)).join(" · ");
}

function FlagBadge({ row }: { row: Pick<ServiceRow, "flagged" | "reason"> }) {
  if (!row.flagged || !row.reason) return <Badge tone="green">matches</Badge>;
  return <Badge tone="red">{FLAG_LABELS[row.reason]}</Badge>;
}

function CustomersBehind({ rows, period }: { rows: CustomerRow[]; period: string }) {
  return (
    <Table caption="Customers behind this service">
      <thead>
        <tr>
          <Th>Customer</Th>
          <Th numeric>Acronis</Th>
          <Th numeric>Billed</Th>
          <Th numeric>Difference</Th>
          <Th numeric>At stake</Th>
          <Th>Status</Th>
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100">
        {rows.map((r) => (
          <tr key={r.customerId}>
            <Td className="max-w-[14rem] truncate">
              <Link
                href={`/admin/usage/${r.resellerId}/customers/${r.customerId}?month=${period}`}
                className="text-brand hover:underline"
                title={r.customerPath ? `${r.customerPath} / ${r.customerName}` : r.customerName}
              >
                {r.customerName}
              </Link>
              {r.customerPath && <span className="block text-xs text-slate-500">{r.customerPath}</span>}
            </Td>
            <Td numeric>{quantity(r.acronisQuantity)}</Td>
            <Td numeric>{quantity(r.billedQuantity)}</Td>
            <Td numeric>
              {signed(r.difference)}
              {r.differencePercent && (
                <span className="block text-xs text-slate-500">{r.differencePercent} %</span>
              )}
            </Td>
            <Td numeric>{r.atStake ? formatMoney(r.atStake.amount, r.atStake.currency) : "no price"}</Td>
            <Td>
              <FlagBadge row={r} />
            </Td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}

function ServiceRows({ service, period }: { service: ServiceRow; period: string }) {
  return (
    <>
      <tr>
        <Td>
          <span className="font-medium text-slate-900">{service.skuName}</span>
          <span className="block text-xs text-slate-500">{service.unit}</span>
        </Td>
        <Td numeric>{quantity(service.acronisQuantity)}</Td>
        <Td numeric>{quantity(service.billedQuantity)}</Td>
        <Td numeric>
          {signed(service.difference)}
          {service.differencePercent && (
            <span className="block text-xs text-slate-500">{service.differencePercent} %</span>
          )}
        </Td>
        <Td numeric>{moneyList(service.atStake)}</Td>
        <Td>
          <FlagBadge row={service} />
        </Td>
      </tr>
      {service.customers.length > 0 && (
        <tr>
          <td colSpan={6} className="bg-slate-50 px-4 py-2">
            <details open={service.flagged}>
              <summary className="cursor-pointer text-sm font-medium text-slate-700">
                {service.customers.length === 1
                  ? "1 customer behind it"
                  : `${service.customers.length} customers behind it`}
              </summary>
              <div className="mt-2 rounded-md border border-slate-200 bg-white">
                <CustomersBehind rows={service.customers} period={period} />
              </div>
            </details>
          </td>
        </tr>
      )}
    </>
  );
}

/** One reseller: its services side by side (Acronis, billed), open when something is flagged. */
export function ResellerSummary({ reseller, period }: { reseller: ResellerRow; period: string }) {
  const flagged = reseller.flaggedServices > 0;
  return (
    <details
      open={flagged}
      className="group rounded-lg border border-slate-200 bg-white shadow-sm"
      data-reseller={reseller.name}
    >
      <summary className="flex cursor-pointer flex-wrap items-center gap-x-3 gap-y-1 px-5 py-3">
        <span className="min-w-0 break-words font-semibold text-slate-900">{reseller.name}</span>
        {flagged ? (
          <Badge tone="red">
            {reseller.flaggedServices === 1
              ? "1 service flagged"
              : `${reseller.flaggedServices} services flagged`}
          </Badge>
        ) : (
          <Badge tone="green">matches</Badge>
        )}
        {!reseller.invoiced && <Badge tone="amber">no issued invoice</Badge>}
        <span className="ml-auto text-sm text-slate-600">At stake: {moneyList(reseller.atStake)}</span>
      </summary>
      <div className="border-t border-slate-100">
        {reseller.services.length === 0 ? (
          <p className="px-5 py-3 text-sm text-slate-600">
            Neither Acronis nor the invoice has usage for this reseller in the month.
          </p>
        ) : (
          <Table caption={`Services of ${reseller.name}`}>
            <thead>
              <tr>
                <Th>Service</Th>
                <Th numeric>Acronis</Th>
                <Th numeric>Billed</Th>
                <Th numeric>Difference</Th>
                <Th numeric>At stake</Th>
                <Th>Status</Th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {reseller.services.map((s) => (
                <ServiceRows key={s.skuCode} service={s} period={period} />
              ))}
            </tbody>
          </Table>
        )}
        <p className="px-5 py-2 text-xs text-slate-500">
          <Link href={`/admin/resellers/${reseller.resellerId}`} className="text-brand hover:underline">
            Open {reseller.name}
          </Link>
        </p>
      </div>
    </details>
  );
}
