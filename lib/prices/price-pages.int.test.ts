import { eq } from "drizzle-orm";
import type { ReactElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { beforeAll, describe, expect, it, vi } from "vitest";
import * as s from "@/db/schema";
import { seedDatabase } from "@/db/seed";
import type { CurrentUser } from "@/lib/auth/guard";
import { listVersions } from "./versions";

// The price book's pages as a person sees them (server-rendered HTML): the versions list on lib/lists, and a
// version's grid narrowed by URL filters, its edit, review and CSV parts still there.
const db = () => globalThis.testDb.db;
const TODAY = "2026-11-24";

const caller = vi.hoisted(() => ({ user: null as CurrentUser | null }));
vi.mock("@/lib/auth/guard", async () => {
  const { AppError } = await import("@/lib/errors/app-error");
  const { can } = await import("@/lib/auth/permissions");
  const requireUser = async (permission: Parameters<typeof can>[1]) => {
    if (!caller.user) throw new AppError("unauthenticated", "Sign in.");
    if (!can(caller.user.role, permission)) throw new AppError("forbidden", "Not for this role.");
    return caller.user;
  };
  return { requireUser, requirePageUser: requireUser, requireSignedIn: async () => caller.user };
});

const versionsPage = (await import("@/app/(admin)/admin/prices/page")).default;
const versionPage = (await import("@/app/(admin)/admin/prices/[versionId]/page")).default;

async function signIn(email: string) {
  const [user] = await db().select().from(s.users).where(eq(s.users.email, email));
  caller.user = { ...user!, sessionId: "s" };
}

beforeAll(async () => {
  await seedDatabase(db(), { today: new Date(`${TODAY}T00:00:00Z`) });
});

const html = async (element: Promise<ReactElement>) => renderToStaticMarkup(await element);

describe("/admin/prices", () => {
  it("lists the versions with a state filter, a sortable start, a count and an export", async () => {
    await signIn("finance@skyline.example");
    const page = await html(versionsPage({ searchParams: Promise.resolve({}) }));
    expect(page).toContain("<caption");
    expect(page).toContain("Price versions");
    expect(page).toMatch(/aria-sort="descending"[^>]*>.*Effective from/s);
    expect(page).toContain('href="/admin/prices/export"');
    expect(page).toContain("1 price version");
    expect(page).toContain("Create version");

    const none = await html(versionsPage({ searchParams: Promise.resolve({ state: "scheduled" }) }));
    expect(none).toContain("No price versions match these filters");
    expect(none).toContain('href="/admin/prices/export?state=scheduled"');
  });
});

describe("/admin/prices/[versionId]", () => {
  async function render(query: Record<string, string>) {
    const [version] = await listVersions(db(), TODAY);
    return html(
      versionPage({
        params: Promise.resolve({ versionId: version!.id }),
        searchParams: Promise.resolve(query),
      }),
    );
  }

  it("shows the whole grid with its edit button when nothing is filtered", async () => {
    await signIn("finance@skyline.example");
    const page = await render({});
    expect(page).toContain("Prices in USD");
    expect(page).toContain("Edit USD prices");
    expect(page).toContain("Tier 3");
    expect(page).not.toContain("Showing ");
    expect(page).toContain("CSV to import");
  });

  it("narrows to a tier and matching services, says an edit covers only those, and keeps the currency", async () => {
    await signIn("finance@skyline.example");
    const page = await render({ currency: "EUR", tier: "T2", q: "server" });
    expect(page).toContain("Prices in EUR");
    expect(page).toContain("Edit EUR prices");
    expect(page).toMatch(/Showing \d+ of \d+ services and 1 of \d+ tiers\./);
    expect(page).toContain("Editing changes only the cells shown");
    expect(page).toContain("Tier 2");
    expect(page).not.toContain("Tier 3</th>");
    // The currency tabs keep the filters; Clear keeps the currency.
    expect(page).toMatch(/href="\/admin\/prices\/[0-9a-f-]+\?q=server&amp;currency=GBP&amp;tier=T2"/);
    expect(page).toMatch(/href="\/admin\/prices\/[0-9a-f-]+\?currency=EUR">Clear</);
  });

  it("says when no service matches, and reports an unknown tier beside its field", async () => {
    await signIn("support@skyline.example");
    const none = await render({ q: "no such service" });
    expect(none).toContain("No services match these filters");
    const unknown = await render({ tier: "T99" });
    expect(unknown).toContain("Pick a tier from the list.");
    expect(unknown).not.toContain("Edit USD prices");
  });
});
