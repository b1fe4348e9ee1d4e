/**
 * Screenshots pages in headless Chromium for a look: `tsx scripts/screenshot.ts URL OUT.png [--width 1280]
 * [--login email:password]`. Uses Debian's chromium when present.
 */
import fs from "node:fs";
import { chromium } from "@playwright/test";

const args = process.argv.slice(2);
const url = args[0] ?? "http://localhost:3000/";
const out = args[1] ?? "/tmp/shot.png";
const width = Number(args[args.indexOf("--width") + 1] ?? 1280) || 1280;
const login = args.includes("--login") ? args[args.indexOf("--login") + 1] : undefined;
const executablePath = fs.existsSync("/usr/bin/chromium") ? "/usr/bin/chromium" : undefined;

const browser = await chromium.launch({
  executablePath,
  args: ["--no-sandbox", "--disable-background-networking"],
});
const page = await browser.newPage({ viewport: { width, height: 900 } });
if (login) {
  const [email, password] = login.split(":");
  const origin = new URL(url).origin;
  await page.goto(`${origin}/login`);
  await page.getByLabel("Email").fill(email ?? "");
  await page.getByLabel("Password").fill(password ?? "");
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL((u) => !u.pathname.startsWith("/login"));
}
await page.goto(url);
await page.screenshot({ path: out, fullPage: true });
await browser.close();
console.log(out);
