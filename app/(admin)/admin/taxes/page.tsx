import Link from "next/link";
import { TaxRateForm } from "@/components/admin/taxes/tax-rate-form";
import { TaxRulesExplainer } from "@/components/admin/taxes/tax-rules-explainer";
import { TaxTable } from "@/components/admin/taxes/tax-table";
import { buttonClass } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { FormMessage } from "@/components/ui/field";
import { PageHeader } from "@/components/ui/page-header";
import { pageContext } from "@/lib/actions/context";
import { can } from "@/lib/auth/permissions";
import { countryName, listCountries } from "@/lib/signup/countries";
import { isEuMember, listTaxTable } from "@/lib/taxes";
import { deleteTaxRateAction, saveTaxRateAction } from "./actions";

export const metadata = { title: "Taxes" };

type Search = { edit?: string; saved?: string; deleted?: string };

export default async function TaxesPage({ searchParams }: { searchParams: Promise<Search> }) {
  const ctx = await pageContext("admin:read", "/admin/taxes");
  const canEdit = can(ctx.user.role, "finance:write");
  const [{ rows, untabled }, settings, search] = await Promise.all([
    listTaxTable(ctx.db),
    ctx.settings(),
    searchParams,
  ]);
  const home = settings.country;
  const editing = canEdit ? rows.find((r) => r.country === search.edit?.toUpperCase()) : undefined;
  const inTable = new Set(rows.map((r) => r.country));
  const addable = listCountries().filter((c) => !inTable.has(c.code));
  const notice = search.saved
    ? `${countryName(search.saved)} saved. New resellers there get this rate; existing resellers keep theirs.`
    : search.deleted
      ? `${countryName(search.deleted)} removed from the table. New resellers there get 0 %.`
      : undefined;

  return (
    <>
      <PageHeader
        title="Taxes"
        description="The tax rate per country a new reseller gets at sign-up. Each reseller's own rate is on its invoices."
      />
      {notice && (
        <div className="mb-4">
          <FormMessage ok message={notice} />
        </div>
      )}
      <div className="flex flex-col gap-6">
        <Card>
          <CardHeader
            title="Rates by country"
            description={`You are in ${countryName(home)}${isEuMember(home) ? " (EU)" : ""}: change it in Settings. ${rows.length} countries.`}
          />
          <TaxTable rows={rows} home={home} canEdit={canEdit} deleteAction={deleteTaxRateAction} />
          {untabled.length > 0 && (
            <CardBody className="border-t border-slate-100 text-sm text-slate-600">
              Resellers in countries not in the table (taxed 0 % when they signed up):{" "}
              {untabled.map((c) => `${c.countryName} (${c.resellers})`).join(", ")}.
            </CardBody>
          )}
        </Card>

        {canEdit && (
          <Card>
            <CardHeader
              title={editing ? `Edit ${editing.countryName}` : "Add a country"}
              description="Applies to resellers that sign up from now on; existing resellers keep their rate."
              action={
                editing ? (
                  <Link href="/admin/taxes" className={buttonClass("ghost")}>
                    Cancel
                  </Link>
                ) : undefined
              }
            />
            <CardBody>
              <TaxRateForm
                key={editing?.country ?? "new"}
                action={saveTaxRateAction}
                editing={
                  editing
                    ? {
                        country: editing.country,
                        countryName: editing.countryName,
                        ratePercent: editing.ratePercent,
                        label: editing.label,
                        resellers: editing.resellers,
                      }
                    : null
                }
                countries={addable}
              />
            </CardBody>
          </Card>
        )}

        <TaxRulesExplainer home={home} homeName={countryName(home)} homeInEu={isEuMember(home)} />
      </div>
    </>
  );
}
