import { expect, type Page } from "@playwright/test";

export const logins = {
  admin: { email: "admin@skyline.example", password: "admin-demo-2026" },
  finance: { email: "finance@skyline.example", password: "finance-demo-2026" },
  support: { email: "support@skyline.example", password: "support-demo-2026" },
  owner: { email: "owner@northwind.example", password: "owner-demo-2026" },
  viewer: { email: "viewer@northwind.example", password: "viewer-demo-2026" },
  kopernikus: { email: "owner@kopernikus.example", password: "owner-demo-2026" },
  thames: { email: "owner@thames.example", password: "owner-demo-2026" },
  wattle: { email: "owner@wattle.example", password: "owner-demo-2026" },
} as const;

export async function signIn(page: Page, who: { email: string; password: string }, next?: string) {
  await page.goto(next ? `/login?next=${encodeURIComponent(next)}` : "/login");
  await page.getByLabel("Email").fill(who.email);
  await page.getByLabel("Password").fill(who.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).not.toHaveURL(/\/login/);
}
