import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { REVERSE_CHARGE_NOTE } from "@/lib/taxes/note";

/** What each rate means (domain.md §2.4), in the words a finance user needs before changing one. */
export function TaxRulesExplainer({
  home,
  homeName,
  homeInEu,
}: {
  home: string;
  homeName: string;
  homeInEu: boolean;
}) {
  return (
    <Card>
      <CardHeader title="What these rates mean" />
      <CardBody>
        <ul className="flex list-disc flex-col gap-2 pl-5 text-sm text-slate-700">
          <li>
            <strong>Each reseller has its own tax rate</strong>, printed on its invoices: tax = subtotal ×
            that rate, rounded to the currency&apos;s minor units.
          </li>
          <li>
            <strong>It is set at sign-up from this table</strong> (and when a reseller is created by hand), by
            the reseller&apos;s country.
          </li>
          <li>
            <strong>Domestic resellers</strong> (in {homeName}, {home}, your country) get {homeName}&apos;s
            rate.
          </li>
          <li>
            <strong>EU reverse charge:</strong> when you are in the EU, a reseller in another EU member state
            with a VAT id of valid format is taxed 0 %, and its invoices print under the tax line: &ldquo;
            {REVERSE_CHARGE_NOTE}&rdquo;.{" "}
            {homeInEu
              ? `You are in ${homeName}, an EU member state, so this applies to resellers in the other 26.`
              : `You are in ${homeName}, outside the EU, so no reseller is reverse-charged; EU resellers pay their country's rate from this table.`}{" "}
            Without a valid VAT id an EU reseller pays its country&apos;s rate.
          </li>
          <li>
            <strong>Outside the EU</strong>, a reseller pays the table&apos;s rate for its country.{" "}
            <strong>A country not in the table is taxed 0 %.</strong>
          </li>
          <li>
            <strong>Changing this table does not change existing resellers.</strong> To change what a reseller
            pays, open the reseller&apos;s page and change its tax rate with a reason (audited); the next
            invoice drafted uses it. Issued invoices never change.
          </li>
        </ul>
      </CardBody>
    </Card>
  );
}
