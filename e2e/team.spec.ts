import { expect, test } from "@playwright/test";
import { openAs, signIn } from "./helpers";
import { createReseller } from "./reseller";

test("an owner invites a billing colleague, who accepts from the outbox link, sees invoices and cannot change the tier", async ({
  browser,
}) => {
  const reseller = await createReseller({ name: "Team Players", roles: ["owner"] });
  const invitee = {
    email: `bea-${reseller.name.split(" ").at(-1)}@team.example`,
    password: "bea-Passw0rd-2026",
  };

  // The owner invites from the team page; a bad email is refused beside its field.
  const owner = await (await browser.newContext()).newPage();
  await openAs(owner, reseller.logins.owner, "/portal/team");
  await expect(owner.getByRole("heading", { name: "Team", exact: true })).toBeVisible();
  await owner.getByLabel("Email", { exact: true }).fill("not-an-email");
  await owner.getByLabel("Name", { exact: true }).fill("Bea Billing");
  await owner.getByLabel("Role", { exact: true }).selectOption({ label: "Billing" });
  await owner.getByRole("button", { name: "Send invitation" }).click();
  await expect(owner.getByText("Enter a valid email address.")).toBeVisible();
  await owner.getByLabel("Email", { exact: true }).fill(invitee.email);
  await owner.getByRole("button", { name: "Send invitation" }).click();
  await expect(owner.getByRole("status").filter({ hasText: "An invitation is on its way" })).toContainText(
    invitee.email,
  );
  const members = owner.getByRole("table", { name: "Team members" });
  const row = members.getByRole("row", { name: new RegExp(invitee.email) });
  await expect(row).toContainText("Invited");
  await expect(row).toContainText("Billing");
  await expect(row).toContainText(/expires/);

  // The email lands in the outbox, where the demo's admin (no mail server) reads its link.
  const admin = await (await browser.newContext()).newPage();
  await openAs(admin, "admin", "/admin/outbox");
  await admin
    .getByRole("row", { name: new RegExp(invitee.email) })
    .getByRole("link", { name: /invited you to/ })
    .first()
    .click();
  const body = (await admin.getByTestId("email-body").textContent()) ?? "";
  expect(body).toContain(reseller.name);
  expect(body).toContain("as Billing");
  expect(body).toMatch(/works once, until .+ UTC/);
  const link = /(http\S+\/invitation\?token=\S+)/.exec(body)?.[1];
  expect(link).toBeTruthy();

  // The invitee chooses a password, then signs in.
  const bea = await (await browser.newContext()).newPage();
  await bea.goto(new URL(link!).pathname + new URL(link!).search);
  await expect(bea.getByRole("heading", { name: `Join ${reseller.name}` })).toBeVisible();
  await bea.getByLabel("Choose a password").fill("short");
  await bea.getByLabel("Repeat the password").fill("short");
  await bea.getByRole("button", { name: "Accept invitation" }).click();
  await expect(bea.getByText("Use at least 10 characters.")).toBeVisible();
  await bea.getByLabel("Choose a password").fill(invitee.password);
  await bea.getByLabel("Repeat the password").fill(invitee.password);
  await bea.getByRole("button", { name: "Accept invitation" }).click();
  await expect(bea.getByRole("status")).toContainText(`Welcome to ${reseller.name}`);
  await bea.getByRole("main").getByRole("link", { name: "Sign in" }).click();
  await expect(bea).toHaveURL(/\/login/);
  await signIn(bea, invitee);
  await expect(bea).toHaveURL(/\/portal\/usage$/);

  await bea.goto("/portal/invoices");
  await expect(bea.getByRole("heading", { name: "Invoices", exact: true })).toBeVisible();
  // Billing is not an owner: no team page, no tier controls.
  await expect(bea.getByRole("link", { name: "Team", exact: true })).toHaveCount(0);
  expect((await bea.goto("/portal/team"))?.status()).toBe(403);
  await bea.goto("/portal/contract");
  await expect(bea.getByRole("heading", { name: "Tier 2", exact: true })).toBeVisible();
  await expect(bea.getByRole("button", { name: /Upgrade|Downgrade|Cancel|Confirm/ })).toHaveCount(0);
  await bea
    .getByRole("table", { name: "Tier changes" })
    .getByRole("button", { name: "Review change: upgrade to Tier 3" })
    .click();
  const dialog = bea.getByRole("dialog", { name: "Upgrade to Tier 3" });
  await expect(dialog).toContainText("Only the account owner can change the tier.");
  await expect(dialog.getByRole("button", { name: /Confirm/ })).toHaveCount(0);
  await dialog.getByRole("button", { name: "Close" }).click();

  // A direct attempt: the owner's own upgrade request (held back before it reaches the server) replayed
  // with the billing user's session is refused by the server, and the tier stays.
  await owner.goto("/portal/contract");
  let upgrade: { headers: Record<string, string>; body: Buffer } | undefined;
  await owner.route("**/portal/contract", async (route) => {
    const request = route.request();
    const headers = request.headers();
    if (request.method() !== "POST" || !headers["next-action"]) return route.continue();
    upgrade = { headers, body: request.postDataBuffer() ?? Buffer.alloc(0) };
    await route.abort();
  });
  await owner
    .getByRole("table", { name: "Tier changes" })
    .getByRole("button", { name: "Review change: upgrade to Tier 3" })
    .click();
  await owner
    .getByRole("dialog", { name: "Upgrade to Tier 3" })
    .getByRole("button", { name: "Confirm upgrade to Tier 3" })
    .click();
  await expect.poll(() => upgrade !== undefined).toBe(true);
  const keep = ["next-action", "next-router-state-tree", "content-type", "accept"];
  const replayed = await bea.request.post("/portal/contract", {
    headers: {
      ...Object.fromEntries(Object.entries(upgrade!.headers).filter(([name]) => keep.includes(name))),
      origin: new URL(bea.url()).origin,
    },
    data: upgrade!.body,
  });
  expect(await replayed.text()).toContain("You do not have access to this.");
  await bea.reload();
  await expect(bea.getByRole("heading", { name: "Tier 2", exact: true })).toBeVisible();

  // Back on the team page, the invitee is an active member with a last sign-in.
  await owner.unroute("**/portal/contract");
  await owner.goto("/portal/team");
  await expect(row).toContainText("Active");
  await expect(row).not.toContainText("Never");
});
