import Link from "next/link";
import { notFound } from "next/navigation";
import { z } from "zod";
import { CsvImport } from "@/components/admin/prices/csv-import";
import { DeleteVersion } from "@/components/admin/prices/delete-version";
import { PriceGrid } from "@/components/admin/prices/price-grid";
import { VersionNoteForm } from "@/components/admin/prices/version-note-form";
import { VersionStateBadge } from "@/components/admin/prices/version-state-badge";
import { ListFilterBar } from "@/components/lists/list-filter-bar";
import { buttonClass } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { pageContext } from "@/lib/actions/context";
import { can } from "@/lib/auth/permissions";
import { isAppError } from "@/lib/errors/app-error";
import { formatDate } from "@/lib/format";
import { parseListParams, type SearchParams } from "@/lib/lists/params";
import { listHref, listLinks } from "@/lib/lists/url";
import { BOOK_CURRENCIES } from "@/lib/prices/amounts";
import { readVersionBook } from "@/lib/prices/book";
import { narrowGrid, priceGridSpec } from "@/lib/prices/grid-filter";
import { deletionRefusal, listVersions } from "@/lib/prices/versions";
import {
  applyImportAction,
  deleteVersionAction,
  previewImportAction,
  saveCellsAction,
  saveNoteAction,
} from "../actions";

export const metadata = { title: "Price version" };

export default async function PriceVersionPage({
  params,
  searchParams,
}: {
  params: Promise<{ versionId: string }>;
  searchParams: Promise<SearchParams>;
}) {
  const ctx = await pageContext("admin:read", "/admin/prices");
  const id = z
    .string()
    .uuid()
    .safeParse((await params).versionId);
  if (!id.success) notFound();
  const filter = parseListParams(priceGridSpec, await searchParams);
  const [book, versions] = await Promise.all([
    readVersionBook(ctx.db, id.data, ctx.today).catch((error: unknown) => {
      if (isAppError(error) && error.code === "not_found") notFound();
      throw error;
    }),
    listVersions(ctx.db, ctx.today),
  ]);
  const { version, catalogue, cells } = book;
  const canFinance = can(ctx.user.role, "finance:write");
  const canEdit = canFinance && !version.lockedPeriod;
  const deleteRefusal = deletionRefusal(version, versions);
  const label = `from ${formatDate(version.effectiveFrom)}`;
  const base = `/admin/prices/${version.id}`;
  const grid = narrowGrid(catalogue, { ...filter.filters, q: filter.q });
  const currency = grid.currency;
  const gridLinks = listLinks(base, priceGridSpec, filter, { nextCursor: null, prevCursor: null });
  // The currency is a tab, not a filter: Clear keeps it, and it alone does not make the grid "filtered".
  const links = {
    ...gridLinks,
    clearHref: listHref(base, {}, { currency: gridLinks.query.currency ?? null }),
    isFiltered: Boolean(filter.q || filter.filters.tier),
  };
  const shownText = `${grid.skus.length} of ${catalogue.skus.length} services and ${grid.tiers.length} of ${catalogue.tiers.length} tiers`;
  return (
    <>
      <p className="mb-2 text-sm">
        <Link href="/admin/prices" className="text-brand hover:underline">
          ← Price book
        </Link>
      </p>
      <PageHeader
        title={`Price version ${label}`}
        description={
          <span className="flex flex-wrap items-center gap-2">
            <VersionStateBadge state={version.state} />
            <span>
              {version.state === "scheduled"
                ? `Prices ${version.month} onwards; nothing is billed with it before then.`
                : version.state === "in force"
                  ? "Prices this month, the storefront and month-to-date estimates."
                  : "Priced earlier months; a later version is in force now."}
            </span>
          </span>
        }
        action={
          <a href={`${base}/export`} className={buttonClass("secondary")} download>
            Export CSV
          </a>
        }
      />
      <div className="flex flex-col gap-6">
        {version.lockedPeriod && (
          <div
            role="note"
            className="rounded-md bg-amber-50 px-4 py-3 text-sm text-amber-900 ring-1 ring-amber-200"
          >
            Locked: this version priced issued invoices for {version.lockedPeriod}, so its prices and
            commitments never change. To change prices, create a new version from a later month on the price
            book page.
          </div>
        )}
        <Card>
          <CardHeader title="Note" description="What this version changes and why." />
          <CardBody>
            {canFinance ? (
              <VersionNoteForm versionId={version.id} note={version.note} action={saveNoteAction} />
            ) : (
              <p className="text-sm text-slate-700">{version.note || "No note."}</p>
            )}
          </CardBody>
        </Card>
        <Card>
          <CardHeader
            title="Prices and commitments"
            description="Unit prices per service and tier, and each tier's monthly commitment, in the currency chosen. A currency with no commitment of its own uses the USD commitment converted at the invoice's FX rate."
          />
          <nav aria-label="Currencies" className="flex flex-wrap gap-1 border-b border-slate-100 px-5 py-3">
            {BOOK_CURRENCIES.map((c) => (
              <Link
                key={c}
                href={listHref(base, links.query, { currency: c })}
                aria-current={c === currency ? "page" : undefined}
                className={cn(
                  "rounded-md px-3 py-1.5 text-sm font-medium",
                  c === currency ? "bg-slate-900 text-white" : "text-slate-700 hover:bg-slate-100",
                )}
              >
                {c}
              </Link>
            ))}
          </nav>
          <div className="px-5 pt-4">
            <ListFilterBar
              links={links}
              carry={["currency"]}
              search={{ label: "Search services", hint: "A service's code or name." }}
              values={{ q: filter.q, ...filter.filters }}
              errors={{ ...filter.errors, tier: grid.tierError ? [grid.tierError] : filter.errors.tier }}
              fields={[
                {
                  kind: "select",
                  name: "tier",
                  label: "Tier",
                  anyLabel: "Every tier",
                  options: catalogue.tiers.map((t) => ({
                    value: t.code,
                    label: t.retired ? `${t.name} (retired)` : t.name,
                  })),
                },
              ]}
            />
            {grid.isNarrowed && (
              <p role="note" className="mb-2 text-sm text-slate-600">
                Showing {shownText}.
                {canEdit &&
                  " Editing changes only the cells shown: the others keep their amounts and are not in the review. Save or cancel before changing the filters; clear them to edit every cell."}
              </p>
            )}
          </div>
          {catalogue.tiers.length === 0 || catalogue.skus.length === 0 ? (
            <EmptyState title="No tiers or services yet">
              Add tiers and services in the catalogue; their prices are set here.
            </EmptyState>
          ) : grid.tiers.length === 0 || grid.skus.length === 0 ? (
            <EmptyState
              title="No services match these filters"
              action={
                <Link href={links.clearHref} className="text-sm font-medium text-brand hover:underline">
                  Clear filters
                </Link>
              }
            >
              Try another search, or clear the filters to see every service and tier.
            </EmptyState>
          ) : (
            <PriceGrid
              // A new filter starts a new edit: drafts of cells it would hide are never saved unseen.
              key={`${currency}|${filter.filters.tier ?? ""}|${filter.q}`}
              versionId={version.id}
              currency={currency}
              tiers={grid.tiers}
              skus={grid.skus}
              cells={cells}
              canEdit={canEdit}
              action={saveCellsAction}
            />
          )}
        </Card>
        <Card>
          <CardHeader
            title="CSV"
            description="Export the whole version (every currency, whatever the filters above) as kind,tier,sku,currency,amount; edit it in a spreadsheet and import it back."
          />
          <CardBody className="flex flex-col gap-4">
            <p>
              <a href={`${base}/export`} className="text-sm font-medium text-brand hover:underline" download>
                Download price-book-{version.effectiveFrom}.csv
              </a>
            </p>
            {canEdit ? (
              <CsvImport
                versionId={version.id}
                previewAction={previewImportAction}
                applyAction={applyImportAction}
              />
            ) : (
              <p className="text-sm text-slate-600">
                {version.lockedPeriod
                  ? "A locked version can't be imported into."
                  : "Finance and administrators import prices; you can read and export them."}
              </p>
            )}
          </CardBody>
        </Card>
        {canFinance && (
          <Card>
            <CardHeader title="Delete version" />
            <CardBody>
              {deleteRefusal ? (
                <p className="text-sm text-slate-600">{deleteRefusal}</p>
              ) : (
                <DeleteVersion versionId={version.id} label={label} action={deleteVersionAction} />
              )}
            </CardBody>
          </Card>
        )}
      </div>
    </>
  );
}
