import { expect, type Page, test } from "@playwright/test";
import Decimal from "decimal.js";
import { openAs } from "./helpers";

// The ECB's single-day file (eurofxref.csv): "1 EUR = x", spaces after commas, a trailing empty column.
const MONTHS = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];

function ecbDay(usd: string, sek: string, date: Date) {
  const day = `${date.getUTCDate()} ${MONTHS[date.getUTCMonth()]} ${date.getUTCFullYear()}`;
  return [
    "Date, USD, JPY, BGN, CZK, DKK, GBP, HUF, PLN, SEK, CHF, ISK, NOK, AUD, CAD, ZAR, ",
    `${day}, ${usd}, 162.12, 1.9558, 25.312, 7.4589, 0.83650, 410.85, 4.3213, ${sek}, 0.9312, 146.10, 11.7420, 1.6190, 1.4750, 19.120, `,
    "",
  ].join("\n");
}

/** Enough digits that the quotient is exact before its one rounding to the stored 10 decimals. */
const Exact = Decimal.clone({ precision: 60 });

/** 1 USD = (EUR → SEK) ÷ (EUR → USD), half-up to 10 decimals: the cross rate the import stores. */
const crossRate = (eurToSek: string, eurToUsd: string) =>
  new Exact(eurToSek).dividedBy(eurToUsd).toDecimalPlaces(10, Decimal.ROUND_HALF_UP);

/** As the storefront prints a rate (lib/format formatRate): at least 4 decimals, no trailing zeros beyond. */
function shownRate(rate: Decimal) {
  const [whole = "0", fraction = ""] = rate.toFixed(10).split(".");
  return `${whole}.${fraction.replace(/0+$/, "").padEnd(4, "0")}`;
}

const euros = (amount: Decimal) =>
  new Intl.NumberFormat("en-US", { style: "currency", currency: "EUR" }).format(
    amount.toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toNumber(),
  );

/** The SEK cell shows the code apart ("SEK" above "2,724.91"): the number as it is printed. */
const kronor = (amount: Decimal) =>
  new Intl.NumberFormat("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(
    amount.toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toNumber(),
  );

async function commitmentOfTier1(page: Page, currency: string) {
  await page.goto(`/?currency=${currency}`);
  const plans = page.getByRole("table", { name: /Tiers/ });
  await expect(plans).toHaveAccessibleName(new RegExp(`in ${currency}`));
  return plans
    .getByRole("row", { name: /^Minimum commitment/ })
    .getByRole("cell")
    .nth(1);
}

test.describe("FX rates", () => {
  test("finance imports the ECB's rates; the storefront's SEK prices (USD → SEK via EUR) and EUR commitment follow", async ({
    page,
  }) => {
    const now = new Date();
    const today = now.toISOString().slice(0, 10);
    // Rates no earlier run stored today, so the import always changes something.
    const usd = new Decimal("1.0500").plus((Date.now() % 400) / 10_000).toFixed(4);
    const sek = new Decimal("11.3000").plus((Date.now() % 997) / 10_000).toFixed(4);
    const usdSek = crossRate(sek, usd);

    // SEK has no price list: the storefront converts USD with the newest USD → SEK rate (the seed's monthly one).
    const sekT1 = await commitmentOfTier1(page, "SEK");
    const sekBefore = (await sekT1.textContent()) ?? "";
    const sekRateBefore = (await page.getByTestId("fx-rate").textContent()) ?? "";
    expect(sekRateBefore).toMatch(/^1 USD = [\d.]+ SEK, rate of /);

    // The seed has no explicit EUR commitment: the storefront shows USD 250 × the USD/EUR rate.
    const t1 = await commitmentOfTier1(page, "EUR");
    const before = (await t1.textContent()) ?? "";
    expect(before).toMatch(/^€/);

    await openAs(page, "finance", "/admin/fx");
    await expect(page.getByRole("heading", { level: 1, name: "FX rates" })).toBeVisible();
    await page.getByLabel("CSV text").fill(ecbDay(usd, sek, now));
    await page.getByRole("button", { name: "Preview import" }).click();
    const preview = page.getByRole("region", { name: "Import preview" });
    await expect(preview).toContainText(/\d+ new, \d+ changed, \d+ unchanged/);
    // HUF, ISK, BGN, CZK, ZAR: no price list, reseller or storefront uses them.
    await expect(preview).toContainText(/Skipped, not a currency you use: .*BGN/);
    // USD is the base currency: the ECB's EUR → SEK becomes USD → SEK, shown with how it was worked out.
    const cross = preview.getByRole("region", { name: "Derived cross rates" });
    await expect(cross).toContainText("1 USD = (EUR → currency) ÷ (EUR → USD)");
    await expect(cross).toContainText(/\d+ new, \d+ changed, \d+ unchanged\./);
    await expect(cross).toContainText(`${sek} ÷ ${usd}`);
    await expect(cross).toContainText(usdSek.toFixed(10));
    await page.getByRole("button", { name: /^Confirm import/ }).click();
    const imported = page.getByRole("status").filter({ hasText: /^Imported: / });
    await expect(imported).toContainText(/Derived cross rates: \d+ new, \d+ changed, \d+ unchanged\./);
    await expect(imported).toContainText("The storefront converts with the new rates now.");

    // The pair page lists today's ECB rate.
    await page.getByRole("link", { name: "EUR to USD" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "EUR → USD" })).toBeVisible();
    const row = page.getByRole("row", { name: new RegExp(`^${today}`) });
    await expect(row).toContainText(usd);
    await expect(row).toContainText("ECB");
    await expect(row).toContainText("finance@skyline.example");

    // …and the derived USD → SEK of today, with its own source.
    await page.goto("/admin/fx/USD-SEK");
    await expect(page.getByRole("heading", { level: 1, name: "USD → SEK" })).toBeVisible();
    const sekRow = page.getByRole("row", { name: new RegExp(`^${today}`) });
    await expect(sekRow).toContainText(shownRate(usdSek));
    await expect(sekRow).toContainText("ECB (cross via EUR)");

    // The storefront in SEK: USD prices and minimums × today's derived USD → SEK.
    const sekAfter = await commitmentOfTier1(page, "SEK");
    await expect(page.getByTestId("fx-rate")).toHaveText(
      `1 USD = ${shownRate(usdSek)} SEK, rate of ${today}`,
    );
    await expect(sekAfter).toContainText(kronor(new Decimal(250).times(usdSek)));
    expect(await sekAfter.textContent()).not.toBe(sekBefore);

    // The storefront in EUR: EUR → USD of today is the newest rate between the two, used the other way round.
    const after = await commitmentOfTier1(page, "EUR");
    await expect(page.getByTestId("fx-rate")).toHaveText(`1 EUR = ${usd} USD, rate of ${today}`);
    await expect(after).toHaveText(euros(new Decimal(250).dividedBy(usd)));
    expect(await after.textContent()).not.toBe(before);
  });

  test("a file with a bad line is refused with that line's number and nothing is imported", async ({
    page,
  }) => {
    await openAs(page, "finance", "/admin/fx");
    await page
      .getByLabel("CSV text")
      .fill("Date, USD, GBP, \n2026-01-05, 1.0321, 0.8301, \n2026-01-06, 1,0330, 0.8302, \n");
    await page.getByRole("button", { name: "Preview import" }).click();
    const preview = page.getByRole("region", { name: "Import preview" });
    await expect(preview).toContainText("Nothing can be imported: 1 line(s) need fixing.");
    await expect(page.getByRole("list", { name: "Lines to fix" })).toContainText("Line 3:");
    await expect(page.getByRole("button", { name: /^Confirm import/ })).toHaveCount(0);
    await page.goto("/admin/fx/EUR-USD");
    await expect(page.getByRole("row", { name: /^2026-01-05/ })).toHaveCount(0);
  });

  test("a future-dated rate is added, corrected and deleted, each after a confirmation", async ({ page }) => {
    await openAs(page, "finance", "/admin/fx");
    const next = new Date();
    next.setUTCDate(next.getUTCDate() + 400 + (Date.now() % 200));
    const date = next.toISOString().slice(0, 10);
    await page.getByLabel("From", { exact: true }).fill("EUR");
    await page.getByLabel("To", { exact: true }).fill("GBP");
    await page.getByLabel("Date", { exact: true }).fill(date);
    await page.getByLabel("Rate", { exact: true }).fill("0.8401");
    await page.getByLabel("Source", { exact: true }).fill("bank");
    await page.getByRole("button", { name: "Add rate" }).click();
    await expect(page.getByRole("alertdialog")).toContainText(`Add 1 EUR = 0.8401 GBP, dated ${date}`);
    await page.getByRole("button", { name: "Confirm: add rate" }).click();
    await expect(
      page.getByRole("status").filter({ hasText: `Added 1 EUR = 0.8401 GBP, dated ${date}.` }),
    ).toBeVisible();

    await page.goto("/admin/fx/EUR-GBP");
    const row = page.getByRole("row", { name: new RegExp(`^${date}`) });
    await expect(row).toContainText("Future");
    await row.getByRole("button", { name: `Correct the EUR → GBP rate of ${date}` }).click();
    await row.getByLabel("New rate").fill("0.8411");
    await row.getByRole("button", { name: "Save" }).click();
    await row.getByRole("button", { name: "Confirm correction" }).click();
    await expect(
      page.getByRole("status").filter({ hasText: `Corrected: 1 EUR = 0.8411 GBP from ${date}.` }),
    ).toBeVisible();
    await page.reload();
    await expect(row).toContainText("0.8411");

    await row.getByRole("button", { name: `Delete the EUR → GBP rate of ${date}` }).click();
    await row.getByRole("button", { name: "Confirm delete" }).click();
    // The page refreshes with the rate gone (its row, and the row's message, with it).
    await expect(page.getByRole("row", { name: new RegExp(`^${date}`) })).toHaveCount(0);
    await page.reload();
    await expect(page.getByRole("row", { name: new RegExp(`^${date}`) })).toHaveCount(0);
  });

  test("support reads the rates but cannot change them", async ({ page }) => {
    await openAs(page, "support", "/admin/fx");
    await expect(page.getByRole("table", { name: "FX rates by currency pair" })).toBeVisible();
    await expect(page.getByRole("button", { name: "Add rate" })).toHaveCount(0);
    await expect(page.getByLabel("CSV text")).toHaveCount(0);
  });

  test("the page fits a 390 px phone", async ({ page }) => {
    await page.setViewportSize({ width: 390, height: 844 });
    await openAs(page, "finance", "/admin/fx");
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
  });
});
