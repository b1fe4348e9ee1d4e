import Link from "next/link";
import { notFound } from "next/navigation";
import { z } from "zod";
import { PriceAdjustmentForm } from "@/components/admin/resellers/price-adjustment-form";
import { RampUpForm } from "@/components/admin/resellers/ramp-up-form";
import { ResellerTaxRateForm } from "@/components/admin/taxes/reseller-tax-rate-form";
import { CustomerTable } from "@/components/customers/customer-table";
import { Badge, StateBadge } from "@/components/ui/badge";
import { buttonClass } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { pageContext } from "@/lib/actions/context";
import { getResellerDetail } from "@/lib/admin/reseller-detail";
import { can, roleLabels } from "@/lib/auth/permissions";
import { customerListPreview } from "@/lib/customers/customer-list";
import { formatDate, formatDateTime, formatNumber } from "@/lib/format";
import { countText } from "@/lib/lists/count";
import { adjustmentOf, describeAdjustment } from "@/lib/resellers";
import { resellerTaxFacts } from "@/lib/taxes";
import { changeResellerTaxRateAction } from "../../taxes/actions";
import {
  approveSignupAction,
  cancelNowAction,
  priceAdjustmentAction,
  rampUpAction,
  rejectSignupAction,
  resumeAction,
  retryProvisioningAction,
  suspendAction,
} from "./actions";
import { AdminActionForm } from "./admin-action-form";

export const metadata = { title: "Reseller" };

export default async function ResellerDetailPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ created?: string }>;
}) {
  const ctx = await pageContext("admin:read", "/admin/resellers");
  const user = ctx.user;
  const id = z
    .string()
    .uuid()
    .safeParse((await params).id);
  if (!id.success) notFound();
  const detail = await getResellerDetail(ctx.db, id.data);
  if (!detail) notFound();
  const { reseller: r, view, jobs, signup } = detail;
  const customerList = await customerListPreview(ctx.db, r.id, ctx.today);
  const awaitingApproval = Boolean(signup?.verifiedAt && !signup.startedAt && !signup.rejectedAt);
  const canWrite = can(user.role, "admin:write");
  const canSetTax = can(user.role, "finance:write");
  const taxFacts = canSetTax ? await resellerTaxFacts(ctx.db, r.id) : null;
  const settings = await ctx.settings();
  const adjustment = adjustmentOf(r);
  const justCreated = (await searchParams).created === "1";
  const c = view?.contract;

  return (
    <>
      <PageHeader
        title={r.name}
        description={
          <span className="flex flex-wrap gap-x-4 gap-y-1">
            <Link href="/admin/resellers" className="text-brand hover:underline">
              ← Resellers
            </Link>
            <Link href={`/admin/usage/${r.id}`} className="text-brand hover:underline">
              Usage dashboard →
            </Link>
          </span>
        }
        action={
          <span className="flex flex-wrap items-center gap-3">
            {c ? <StateBadge state={c.state} /> : <StateBadge state={r.status} />}
            {canWrite && (
              <Link href={`/admin/resellers/${r.id}/edit`} className={buttonClass("secondary")}>
                Edit details
              </Link>
            )}
          </span>
        }
      />
      {justCreated && (
        <p
          role="status"
          className="mb-6 rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-800 ring-1 ring-emerald-200"
        >
          Reseller created. Its owner was emailed an invitation to set a password, and its Acronis tenant is
          being set up (see the provisioning below).
        </p>
      )}
      {awaitingApproval && signup && (
        <Card className="mb-6 border-amber-300">
          <CardHeader
            title="Sign-up awaiting approval"
            description={`Ordered ${signup.trial ? "a trial of " : ""}${signup.tierCode} in ${signup.currency}${signup.rampUpCycles ? ` with ${signup.rampUpCycles} ramp-up cycle(s)` : ""}; email confirmed ${formatDateTime(signup.verifiedAt)}.`}
          />
          <CardBody>
            {canWrite ? (
              <div className="grid items-start gap-4 md:grid-cols-2">
                <AdminActionForm
                  idPrefix="approve"
                  action={approveSignupAction}
                  contractId={r.id}
                  idField="resellerId"
                  label="Approve and start"
                  withReason={false}
                  variant="primary"
                />
                <AdminActionForm
                  idPrefix="reject"
                  action={rejectSignupAction}
                  contractId={r.id}
                  idField="resellerId"
                  label="Reject sign-up"
                  variant="danger"
                />
              </div>
            ) : (
              <p className="text-sm text-slate-600">An administrator approves or rejects new sign-ups.</p>
            )}
          </CardBody>
        </Card>
      )}
      <div className="grid grid-cols-1 gap-6 xl:grid-cols-3">
        <Card>
          <CardHeader title="Company" />
          <CardBody>
            <dl className="grid grid-cols-[8rem_minmax(0,1fr)] gap-y-2 text-sm [&_dd]:break-words">
              <dt className="text-slate-500">Legal name</dt>
              <dd>{r.legalName}</dd>
              <dt className="text-slate-500">Address</dt>
              <dd>
                {r.addressLine1}
                {r.addressLine2 ? `, ${r.addressLine2}` : ""}, {r.postalCode} {r.city}
                {r.region ? `, ${r.region}` : ""}, {r.country}
              </dd>
              <dt className="text-slate-500">Tax id</dt>
              <dd>{r.taxId ?? "—"}</dd>
              <dt className="text-slate-500">Tax rate</dt>
              <dd>{formatNumber(r.taxRatePercent, 4)}%</dd>
              <dt className="text-slate-500">Currency</dt>
              <dd>{r.currency}</dd>
              <dt className="text-slate-500">Billing email</dt>
              <dd>{r.billingEmail}</dd>
              <dt className="text-slate-500">Billing contacts</dt>
              <dd>{r.billingContacts.length ? r.billingContacts.join(", ") : "—"}</dd>
              <dt className="text-slate-500">Prices</dt>
              <dd>{describeAdjustment(adjustment)}</dd>
              <dt className="text-slate-500">Acronis login</dt>
              <dd className="font-mono text-xs">{r.acronisAdminLogin ?? "—"}</dd>
              {signup && (
                <>
                  <dt className="text-slate-500">Signed up</dt>
                  <dd>
                    {formatDateTime(signup.createdAt)}
                    {signup.verifiedAt ? "" : " · email not confirmed yet"}
                    {signup.rejectedAt ? ` · rejected: ${signup.rejectionReason}` : ""}
                  </dd>
                </>
              )}
              <dt className="text-slate-500">Acronis tenant</dt>
              <dd className="font-mono text-xs">{r.acronisTenantId ?? "not provisioned"}</dd>
              <dt className="text-slate-500">Internal tag</dt>
              <dd className="font-mono text-xs">{r.internalTag}</dd>
            </dl>
          </CardBody>
        </Card>

        <Card className="xl:col-span-2">
          <CardHeader
            title="Contract"
            description={view ? `${view.tier.name} · ${c?.currency}` : undefined}
          />
          <CardBody>
            {!view || !c ? (
              <EmptyState title="No contract" />
            ) : (
              <div className="flex flex-col gap-5">
                <dl className="grid grid-cols-2 gap-x-6 gap-y-2 text-sm sm:grid-cols-4">
                  <dt className="text-slate-500">Paid since</dt>
                  <dd>{formatDate(c.paidStart)}</dd>
                  <dt className="text-slate-500">Ends</dt>
                  <dd>{formatDate(c.endDate)}</dd>
                  <dt className="text-slate-500">Trial ends</dt>
                  <dd>{formatDate(c.trialEndsOn)}</dd>
                  <dt className="text-slate-500">Ramp-up</dt>
                  <dd>
                    {view.rampUp.cycles} cycle(s)
                    {view.rampUp.overridden ? ` — override: ${c.rampUpOverrideReason}` : ""}
                  </dd>
                  <dt className="text-slate-500">Pending change</dt>
                  <dd>
                    {view.pendingChange
                      ? `${view.pendingChange.toTier.name} on ${formatDate(view.pendingChange.effectiveOn)}`
                      : "—"}
                  </dd>
                </dl>
                {canWrite && (
                  <div className="grid gap-4 md:grid-cols-2">
                    {c.state === "active" && (
                      <AdminActionForm
                        idPrefix="suspend"
                        action={suspendAction}
                        contractId={c.id}
                        label="Suspend"
                      />
                    )}
                    {c.state === "suspended" && (
                      <AdminActionForm
                        idPrefix="resume"
                        action={resumeAction}
                        contractId={c.id}
                        label="Resume"
                        variant="primary"
                      />
                    )}
                    {c.state === "provisioning_failed" && (
                      <AdminActionForm
                        idPrefix="retry"
                        action={retryProvisioningAction}
                        contractId={c.id}
                        label="Retry provisioning"
                        withReason={false}
                        variant="primary"
                      />
                    )}
                    {c.state !== "cancelled" && (
                      <AdminActionForm
                        idPrefix="cancel"
                        action={cancelNowAction}
                        contractId={c.id}
                        label="Cancel immediately"
                        variant="danger"
                      />
                    )}
                  </div>
                )}
              </div>
            )}
          </CardBody>
        </Card>

        {(canWrite || canSetTax) && (
          <Card className="xl:col-span-3">
            <CardHeader
              title="What this reseller pays"
              description="Each change needs a reason (kept in the audit log) and applies from the next invoice drafted; issued invoices never change."
            />
            <CardBody>
              <div className="grid gap-8 lg:grid-cols-2">
                {canWrite && (
                  <section aria-labelledby="pricing-adjustment" className="flex flex-col gap-3">
                    <h3 id="pricing-adjustment" className="text-sm font-semibold text-slate-900">
                      Price adjustment
                    </h3>
                    <PriceAdjustmentForm
                      resellerId={r.id}
                      kind={r.priceAdjustmentKind}
                      percent={r.priceAdjustmentPercent}
                      action={priceAdjustmentAction}
                    />
                  </section>
                )}
                {canWrite && c && (
                  <section aria-labelledby="pricing-ramp" className="flex flex-col gap-3">
                    <h3 id="pricing-ramp" className="text-sm font-semibold text-slate-900">
                      Ramp-up override
                    </h3>
                    {c.state === "pending" || c.state === "trial" || c.state === "provisioning_failed" ? (
                      <RampUpForm
                        contractId={c.id}
                        cycles={c.rampUpCycles}
                        policyMax={settings.rampUpMaxCycles}
                        action={rampUpAction}
                      />
                    ) : (
                      <p className="text-sm text-slate-600">
                        The first paid month has started: ramp-up is set at order or conversion and never
                        added later.
                      </p>
                    )}
                  </section>
                )}
                {canSetTax && taxFacts && (
                  <section aria-labelledby="pricing-tax" className="flex flex-col gap-3">
                    <h3 id="pricing-tax" className="text-sm font-semibold text-slate-900">
                      Tax rate
                    </h3>
                    <ResellerTaxRateForm
                      resellerId={r.id}
                      resellerName={r.name}
                      facts={taxFacts}
                      action={changeResellerTaxRateAction}
                    />
                  </section>
                )}
              </div>
            </CardBody>
          </Card>
        )}

        <Card className="xl:col-span-3">
          <CardHeader
            title="Provisioning in Acronis"
            description="Every change pushed to Acronis, step by step, with the Acronis error when one fails."
          />
          {jobs.length === 0 ? (
            <EmptyState title="Nothing pushed to Acronis yet" />
          ) : (
            <ul className="divide-y divide-slate-100">
              {jobs.map((j) => (
                <li key={j.id} className="px-5 py-3 text-sm">
                  <div className="flex flex-wrap items-center gap-3">
                    <span className="font-medium text-slate-900">{j.kind.replaceAll("_", " ")}</span>
                    <StateBadge state={j.status} />
                    <span className="text-xs text-slate-500">{formatDateTime(j.createdAt)}</span>
                    {j.lastError && <span className="text-xs text-red-700">{j.lastError}</span>}
                  </div>
                  {j.steps.length > 0 && (
                    <ol className="mt-2 flex flex-wrap gap-2">
                      {j.steps.map((s) => (
                        <li key={s.id}>
                          <Badge
                            tone={
                              s.status === "succeeded"
                                ? "green"
                                : s.status === "failed"
                                  ? "red"
                                  : s.status === "running"
                                    ? "blue"
                                    : "neutral"
                            }
                          >
                            {s.step.replaceAll("_", " ")}
                            {s.errorMessage ? `: ${s.errorStatus ?? ""} ${s.errorMessage}` : ""}
                          </Badge>
                        </li>
                      ))}
                    </ol>
                  )}
                </li>
              ))}
            </ul>
          )}
        </Card>

        <Card className="min-w-0 xl:col-span-2">
          <CardHeader
            title="Customers"
            description="Acronis customer tenants in this reseller's subtree (direct, in folders, under sub-partners); customers in trial are not billed"
            action={
              customerList.count.value > 0 ? (
                <Link
                  href={`/admin/resellers/${r.id}/customers`}
                  className="whitespace-nowrap text-sm font-medium text-brand hover:underline"
                >
                  All {countText(customerList.count, { one: "customer", other: "customers" })} →
                </Link>
              ) : undefined
            }
          />
          {customerList.rows.length === 0 ? (
            <EmptyState title="No customers yet" />
          ) : (
            <CustomerTable
              rows={customerList.rows}
              customerHref={(customerId) => `/admin/usage/${r.id}/customers/${customerId}`}
            />
          )}
          {customerList.count.value > customerList.rows.length && (
            <p className="border-t border-slate-100 px-5 py-3 text-sm text-slate-600">
              The first {customerList.rows.length} by name: the full list searches, filters and exports them.
            </p>
          )}
        </Card>

        <Card>
          <CardHeader
            title="Users"
            description={
              detail.userCount > detail.users.length
                ? `The first ${detail.users.length} of ${detail.userCount} by email.`
                : undefined
            }
          />
          {detail.users.length === 0 ? (
            <EmptyState title="No users yet" />
          ) : (
            <ul className="divide-y divide-slate-100 text-sm">
              {detail.users.map((u) => (
                <li key={u.id} className="px-5 py-2.5">
                  <p className="font-medium text-slate-900">{u.name}</p>
                  <p className="break-words text-xs text-slate-500">
                    {u.email} · {roleLabels[u.role]}
                  </p>
                </li>
              ))}
            </ul>
          )}
        </Card>
      </div>
    </>
  );
}
