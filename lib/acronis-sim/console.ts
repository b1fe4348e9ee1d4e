import type { SimContext } from "./context";

const html = (s: unknown) => String(s ?? "").replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * `GET /` — a stand-in for the Acronis management console: the page a reseller reaches from "Open the
 * Acronis console". It lists the partners under the distributor with their pricing mode, tier level and
 * administrators, so a demo shows what provisioning did without reading JSON.
 */
export function consolePage(ctx: SimContext): string {
  const { state } = ctx;
  const partners = Object.values(state.tenants)
    .filter((t) => t.parentId === state.rootTenantId && t.kind === "partner" && !t.deletedAt)
    .sort((a, b) => a.name.localeCompare(b.name));
  const users = Object.values(state.users).filter((u) => !u.deletedAt);
  const rows = partners
    .map((t) => {
      const admins = users
        .filter((u) => u.tenantId === t.id)
        .map((u) => `${html(u.login)}${u.activated ? "" : " <em>(activation pending)</em>"}`)
        .join("<br>");
      return `<tr><td>${html(t.name)}</td><td>${html(t.pricing.mode)}</td><td>${html(
        (t.settings.tier_level_value?.value as number | undefined) ?? "—",
      )}</td><td>${t.enabled ? "enabled" : "disabled"}</td><td>${admins || "—"}</td></tr>`;
    })
    .join("");
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Acronis Cyber Protect Cloud (simulator)</title>
<meta name="viewport" content="width=device-width,initial-scale=1">
<style>body{font:14px system-ui,sans-serif;margin:0;color:#0f172a;background:#f8fafc}header{background:#0b3d91;color:#fff;padding:16px 24px}
main{padding:24px;max-width:960px}table{border-collapse:collapse;width:100%;background:#fff}th,td{text-align:left;padding:8px 12px;border-bottom:1px solid #e2e8f0}
th{font-size:12px;text-transform:uppercase;color:#64748b}p{color:#475569}</style></head><body>
<header><strong>Acronis Cyber Protect Cloud</strong> — management console (built-in simulator)</header>
<main><p>This is Tierline's Acronis simulator. A real datacenter shows its console here; set ACRONIS_* to use one.</p>
<h2>Partners under the distributor</h2>
<table><thead><tr><th>Partner</th><th>Pricing</th><th>tier_level_value</th><th>State</th><th>Administrators</th></tr></thead>
<tbody>${rows || '<tr><td colspan="5">No partners yet.</td></tr>'}</tbody></table></main></body></html>`;
}
