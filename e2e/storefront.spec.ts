import { expect, test } from "@playwright/test";
import Decimal from "decimal.js";
import { openAs } from "./helpers";

test("the storefront shows the distributor's brand and its plans", async ({ page }) => {
  await page.goto("/");
  await expect(page).toHaveTitle(/Skyline Distribution/);
  await expect(page.getByRole("link", { name: "Skyline Distribution home" })).toBeVisible();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Skyline Distribution");
  await expect(page.getByRole("contentinfo")).toContainText("Skyline Distribution Inc.");
  await expect(page.getByRole("contentinfo")).toContainText("support@skyline.example");
  await expect(page.getByText("Tierline")).toHaveCount(0);

  // Tiers are the columns, the commitment and the main SKUs' unit prices the rows.
  const plans = page.getByRole("table", { name: /Tiers/ });
  await expect(plans.locator("thead").getByRole("columnheader")).toHaveText([
    "Tier",
    "Tier 0",
    "Tier 1",
    "Tier 2",
    "Tier 3",
    "Tier 4",
    "Tier 5",
    "Promo",
  ]);
  await expect(plans.getByRole("row", { name: /^Minimum commitment/ }).getByRole("cell")).toHaveText([
    "$0.00",
    "$250.00",
    "$1,000.00",
    "$2,500.00",
    "$10,000.00",
    "$25,000.00",
    "$99.00",
  ]);
  await expect(plans.getByRole("row", { name: /^Workstations/ })).toContainText("$4.20");
  await expect(plans.getByRole("link", { name: "Choose Tier 2" })).toHaveAttribute(
    "href",
    "/signup?tier=T2&currency=USD",
  );
  await expect(plans.getByRole("link", { name: "Start a free trial of Tier 2" })).toHaveAttribute(
    "href",
    "/signup?tier=T2&trial=1&currency=USD",
  );
  // Brand colour reaches the page as a CSS variable taken from the settings.
  const brand = await page
    .locator("[style*='--brand']")
    .first()
    .evaluate((el) => getComputedStyle(el).getPropertyValue("--brand"));
  expect(brand.trim()).toBe("#1d4ed8");
});

test("legal pages carry the distributor's terms", async ({ page }) => {
  await page.goto("/");
  await page.getByRole("link", { name: "Terms of service" }).click();
  await expect(page.getByRole("heading", { name: "Terms of service" })).toBeVisible();
  await expect(page.getByText(/Version 2026-01/)).toBeVisible();
});

test("health answers ok with the app version (database details: e2e/security-headers.spec.ts)", async ({
  request,
}) => {
  const res = await request.get("/api/health");
  expect(res.status()).toBe(200);
  expect(await res.json()).toEqual({ status: "ok", version: expect.any(String) });
});

test.describe("plans in the visitor's currency", () => {
  test("switching to EUR and to SEK converts the prices and shows the rate and its date", async ({
    page,
  }) => {
    await page.goto("/");
    await page.waitForLoadState("networkidle");
    const plans = page.getByRole("table", { name: /Tiers/ });
    const commitments = plans.getByRole("row", { name: /^Minimum commitment/ });

    await page.getByLabel("Currency").selectOption("EUR");
    await expect(page).toHaveURL(/[?&]currency=EUR/);
    await expect(plans).toHaveAccessibleName(/in EUR/);
    await expect(plans.getByRole("row", { name: /^Workstations/ })).toContainText("€3.864"); // 4.20 × 0.92
    // No explicit EUR commitment in the seed: USD × the rate, which is shown.
    await expect(page.getByTestId("fx-rate")).toHaveText(
      /^1 USD = \d+\.\d{4,} EUR, rate of \d{4}-\d{2}-\d{2}$/,
    );
    await expect(commitments).toContainText("€");

    await page.getByLabel("Currency").selectOption("SEK");
    await expect(page).toHaveURL(/[?&]currency=SEK/);
    const rate = page.getByTestId("fx-rate");
    await expect(rate).toHaveText(/^1 USD = \d+\.\d{4,} SEK, rate of \d{4}-\d{2}-\d{2}$/);
    await expect(page.locator("#currency-note")).toContainText("converted to SEK");
    await expect(commitments.getByRole("cell").nth(1)).toContainText("SEK");
    await expect(plans.getByRole("link", { name: "Choose Tier 2" })).toHaveAttribute(
      "href",
      "/signup?tier=T2&currency=SEK",
    );
    // Unit price = USD price × the shown rate, rounded to 4 decimals (T1 workstation: 3.80 USD).
    const shown = (await rate.textContent())?.match(/= (\d+\.\d+) SEK/)?.[1] ?? "";
    const unit = new Decimal("3.80").times(shown).toDecimalPlaces(4, Decimal.ROUND_HALF_UP);
    const formatted = new Intl.NumberFormat("en-US", {
      style: "currency",
      currency: "SEK",
      maximumFractionDigits: 4,
    }).format(unit.toString() as unknown as number);
    await expect(
      plans
        .getByRole("row", { name: /^Workstations/ })
        .getByRole("cell")
        .nth(1),
    ).toHaveText(formatted.replace(/\u00a0/g, " "));
  });

  test("an unknown currency falls back to the base currency with a notice", async ({ page }) => {
    await page.goto("/?currency=XYZ");
    await expect(page.getByText(/can't show prices in “XYZ”/)).toBeVisible();
    await expect(page.getByLabel("Currency")).toHaveValue("USD");
  });
});

test.describe("cost estimator", () => {
  async function enter(page: import("@playwright/test").Page, values: Record<string, string>) {
    for (const [label, value] of Object.entries(values)) {
      await page.getByLabel(label, { exact: true }).fill(value);
    }
  }

  test("prices the entered workloads on every tier, with top-ups and the cheapest highlighted", async ({
    page,
  }) => {
    await page.goto("/#estimator");
    await page.waitForLoadState("networkidle");
    await enter(page, {
      Workstations: "100",
      Servers: "0",
      "Virtual machines": "",
      "Microsoft 365 seats": "0",
      "Backup storage (GB)": "500",
    });
    const tiers = page.getByRole("list", { name: /Monthly cost of each tier in USD/ });
    const row = (name: string) => tiers.getByRole("listitem").filter({ hasText: new RegExp(`^${name}`) });
    // Tier 0: 100 × 4.20 + 500 × 0.095 = 467.50; Tier 1 and Promo: 380.00 + 42.50 = 422.50.
    await expect(row("Tier 0")).toContainText("$467.50");
    await expect(row("Tier 1")).toContainText("$422.50");
    // Tier 2: 350.00 + 39.00 = 389.00 of usage, topped up to its 1,000.00 minimum.
    await expect(row("Tier 2")).toContainText("Usage $389.00 + $611.00 top-up");
    await expect(row("Tier 2")).toContainText("$1,000.00");
    // Tier 1 and Promo tie; Promo has the lower commitment.
    await expect(row("Promo")).toContainText("Cheapest");
    await expect(tiers.getByText("Cheapest", { exact: true })).toHaveCount(1);
    await expect(page.getByText("Cheapest for you").locator("..")).toContainText("Promo");
    await expect(page.getByRole("link", { name: "Choose Promo" }).first()).toHaveAttribute(
      "href",
      "/signup?tier=PROMO&currency=USD",
    );
    // The quantities are in the URL, so the estimate survives a currency switch.
    await expect(page).toHaveURL(/pw_base_workstations=100/);
    await page.getByLabel("Currency").selectOption("EUR");
    await expect(page.getByRole("list", { name: /in EUR/ })).toBeVisible();
    await expect(page.getByLabel("Workstations", { exact: true })).toHaveValue("100");
  });

  test("explains a wrong value next to its field", async ({ page }) => {
    await page.goto("/#estimator");
    await page.waitForLoadState("networkidle");
    const servers = page.getByLabel("Servers", { exact: true });
    await servers.fill("2.5");
    await expect(servers).toHaveAttribute("aria-invalid", "true");
    await expect(servers).toHaveAccessibleDescription(/whole number of workloads/);
    await page.getByLabel("Backup storage (GB)").fill("1.23456");
    await expect(page.getByLabel("Backup storage (GB)")).toHaveAccessibleDescription(/at most 4 decimals/);
    await servers.fill("2");
    await expect(servers).not.toHaveAttribute("aria-invalid", "true");
  });

  test("the currency select and the estimator's fields are reachable with Tab", async ({ page }) => {
    await page.goto("/");
    await page.waitForLoadState("networkidle");
    const reached: string[] = [];
    for (let i = 0; i < 80 && !reached.includes("estimate-pw_base_storage"); i++) {
      await page.keyboard.press("Tab");
      reached.push(await page.evaluate(() => document.activeElement?.id ?? ""));
    }
    expect(reached).toContain("currency");
    for (const id of ["workstations", "servers", "vms", "m365_seats", "storage"]) {
      expect(reached).toContain(`estimate-pw_base_${id}`);
    }
    // Typing after tabbing in updates the estimate.
    await page.keyboard.press("Shift+Tab");
    await page.keyboard.press("ControlOrMeta+a");
    await page.keyboard.type("0");
    await expect(page.getByLabel("Microsoft 365 seats")).toHaveValue("0");
  });
});

test("on a phone the storefront never scrolls sideways", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto("/?currency=SEK");
  await page.waitForLoadState("networkidle");
  await expect(page.getByRole("heading", { name: "Tier 2", level: 3 })).toBeVisible();
  await expect(page.getByRole("table", { name: /Tiers/ })).toBeHidden();
  await expect(page.getByRole("list", { name: /Monthly cost of each tier/ })).toBeVisible();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
});

test.describe("the storefront from cache (app/(storefront)/storefront-cached)", () => {
  test("/, /signup, /terms and /privacy come from the cache, each response with its own nonce and scripts that run", async ({
    page,
  }) => {
    const violations: string[] = [];
    page.on("console", (msg) => {
      if (/Content Security Policy|Refused to/i.test(msg.text())) violations.push(msg.text());
    });
    page.on("pageerror", (error) => violations.push(error.message));
    const seen: string[] = [];
    for (const path of ["/", "/", "/signup", "/terms", "/privacy"]) {
      const res = await page.goto(path);
      expect(res?.status()).toBe(200);
      expect(res?.headers()["x-storefront-cache"]).toMatch(/^(hit|miss|stale)$/);
      expect(res?.headers()["cache-control"]).toContain("no-store");
      const nonce = /'nonce-([^']+)'/.exec(res?.headers()["content-security-policy"] ?? "")?.[1] ?? "";
      expect(nonce).not.toBe("");
      expect(seen).not.toContain(nonce);
      seen.push(nonce);
      const scripts = await page
        .locator("script")
        .evaluateAll((els) => els.map((el) => (el as HTMLScriptElement).nonce));
      expect(scripts.length).toBeGreaterThan(0);
      for (const n of scripts) expect(n).toBe(nonce);
    }
    // Client components hydrated under that nonce: the currency select navigates.
    await page.goto("/");
    await page.waitForLoadState("networkidle");
    await page.getByLabel("Currency").selectOption("EUR");
    await expect(page).toHaveURL(/[?&]currency=EUR/);
    expect(violations).toEqual([]);
  });

  test("two visitors of /signup get different sign-up keys", async ({ browser }) => {
    const keys: string[] = [];
    for (let i = 0; i < 2; i++) {
      const visitor = await browser.newPage();
      await visitor.goto("/signup");
      keys.push((await visitor.locator('input[name="requestKey"]').getAttribute("value")) ?? "");
      await visitor.close();
    }
    expect(keys[0]).toMatch(/^[0-9a-f-]{36}$/);
    expect(keys[1]).toMatch(/^[0-9a-f-]{36}$/);
    expect(keys[0]).not.toBe(keys[1]);
  });

  test("after an admin changes the tagline, the next load of the storefront shows it", async ({
    page,
    browser,
  }) => {
    const visitor = await browser.newPage();
    await visitor.goto("/");
    // The tagline is the paragraph under the heading and the page's description.
    const description = visitor.locator('meta[name="description"]');
    const before = (await description.getAttribute("content")) ?? "";
    expect(before).not.toBe("");
    await expect(visitor.getByText(before, { exact: true })).toBeVisible();
    await visitor.reload(); // served from the cache now
    await expect(visitor.getByText(before, { exact: true })).toBeVisible();

    await openAs(page, "admin", "/admin/settings");
    const changed = `Protection your customers can count on (${Date.now()})`;
    await page.getByLabel("Tagline").fill(changed);
    await page.getByRole("button", { name: "Save branding" }).click();
    await expect(page.getByRole("status")).toContainText("Branding saved");
    try {
      await visitor.reload();
      await expect(visitor.getByText(changed, { exact: true })).toBeVisible();
      await expect(description).toHaveAttribute("content", changed);
    } finally {
      // The seeded tagline back for the specs that run after this one. On a fresh page: the first save's
      // "Branding saved" would otherwise pass the check below before this save is done.
      await page.goto("/admin/settings");
      await page.getByLabel("Tagline").fill(before);
      await page.getByRole("button", { name: "Save branding" }).click();
      await expect(page.getByRole("status")).toContainText("Branding saved");
    }
    await visitor.reload();
    await expect(visitor.getByText(before, { exact: true })).toBeVisible();
  });
});
