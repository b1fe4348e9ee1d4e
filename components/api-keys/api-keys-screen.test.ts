import { createElement as h } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { apiKeyListSpec } from "@/lib/api-keys/key-list";
import type { ApiKeyView } from "@/lib/api-keys/keys";
import { parseListParams } from "@/lib/lists/params";
import { listLinks } from "@/lib/lists/url";
import { ApiKeysScreen } from "./api-keys-screen";

const now = new Date("2026-12-01T10:00:00Z");
const action = async () => ({ ok: true as const });
const key: ApiKeyView = {
  id: "k1",
  name: "ERP sync",
  prefix: "tl_AbCdEfGh",
  scopes: ["read"],
  createdAt: new Date("2026-11-01T09:00:00Z"),
  lastUsedAt: null,
  expiresAt: null,
  revokedAt: null,
  createdByName: "Olive",
};

function render(query: Record<string, string>, rows: ApiKeyView[]) {
  const params = parseListParams(apiKeyListSpec, query);
  const page = { rows, nextCursor: null, prevCursor: null, count: { value: rows.length, exact: true } };
  return renderToStaticMarkup(
    h(ApiKeysScreen, {
      audience: "reseller",
      links: listLinks("/portal/api-keys", apiKeyListSpec, params, page),
      params,
      page,
      now,
      createAction: action,
      revokeAction: action,
    }),
  );
}

describe("the API keys page", () => {
  it("with no key at all shows the empty state alone: no filters, pages or export", () => {
    const html = render({}, []);
    expect(html).toContain("No API keys yet");
    expect(html).not.toContain('role="search"');
    expect(html).not.toContain("Export CSV");
    expect(html).not.toContain("Rows per page");
  });

  it("lists keys under a search, filters, sortable dates, a count and an export of the same filters", () => {
    const html = render({ status: "active", scope: "read" }, [key]);
    expect(html).toContain('aria-label="Search keys"');
    expect(html).toContain(">Status</label>");
    expect(html).toContain(">Scope</label>");
    expect(html).toContain('aria-sort="descending"');
    expect(html).toContain("1 API key");
    expect(html).toContain('href="/portal/api-keys/export?status=active&amp;scope=read"');
    expect(html).toContain("tl_AbCdEfGh…");
    expect(html).toContain('Revoke<span class="sr-only"> ERP sync</span>');
    const ids = [...html.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("says no key matches when the filters leave none", () => {
    const html = render({ status: "revoked" }, []);
    expect(html).toContain("No API keys match these filters");
    expect(html).toContain('role="search"');
  });
});
