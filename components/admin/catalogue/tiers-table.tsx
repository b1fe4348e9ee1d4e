import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { Table, Td, Th } from "@/components/ui/table";
import type { CatalogueTier } from "@/lib/catalogue/admin/queries";
import { formatMoney } from "@/lib/format";

function TierStatus({ tier }: { tier: CatalogueTier }) {
  if (tier.retiredAt) return <Badge tone="neutral">retired</Badge>;
  if (!tier.pricedInForce) return <Badge tone="red">not priced</Badge>;
  return tier.orderable ? <Badge tone="green">orderable</Badge> : <Badge tone="amber">not orderable</Badge>;
}

/** Tiers with the commitment of the price version in force in each currency (USD × FX where none is set). */
export function TiersTable({
  tiers,
  currencies,
  canEdit,
}: {
  tiers: CatalogueTier[];
  currencies: string[];
  canEdit: boolean;
}) {
  return (
    <Table caption="Tiers">
      <thead>
        <tr>
          <Th>Tier</Th>
          <Th>Code</Th>
          {currencies.map((c) => (
            <Th key={c} numeric>
              Commitment {c}
            </Th>
          ))}
          <Th numeric>Acronis level</Th>
          <Th>Trial</Th>
          <Th>Status</Th>
          <Th numeric>Order</Th>
          <Th numeric>Live contracts</Th>
          {canEdit && (
            <Th>
              <span className="sr-only">Actions</span>
            </Th>
          )}
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100">
        {tiers.map((t) => (
          <tr key={t.id}>
            <Td className="font-medium text-slate-900">{t.name}</Td>
            <Td className="font-mono text-xs">{t.code}</Td>
            {currencies.map((c) => {
              const amount = t.commitments[c];
              return (
                <Td key={c} numeric>
                  {amount !== undefined ? (
                    formatMoney(amount, c)
                  ) : c === "USD" ? (
                    <span className="text-red-700">none</span>
                  ) : (
                    <span className="text-slate-400">USD × FX</span>
                  )}
                </Td>
              );
            })}
            <Td numeric>{t.tierLevelValue}</Td>
            <Td>{t.trialAllowed ? "yes" : "no"}</Td>
            <Td>
              <TierStatus tier={t} />
            </Td>
            <Td numeric>{t.sortOrder}</Td>
            <Td numeric>{t.liveContracts}</Td>
            {canEdit && (
              <Td>
                <Link
                  href={`/admin/catalogue/tiers/${t.id}`}
                  className="text-brand hover:underline"
                  aria-label={`Edit ${t.name}`}
                >
                  Edit
                </Link>
              </Td>
            )}
          </tr>
        ))}
      </tbody>
    </Table>
  );
}
