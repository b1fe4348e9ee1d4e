import fs from "node:fs";
import path from "node:path";
import { test as setup } from "@playwright/test";
import { type Login, logins, sessionFile, signInByApi } from "./helpers";

// Playwright's authentication pattern: each demo login signs in once per run and every spec that only needs
// to be signed in (not to sign in) reuses the session (helpers.ts openAs). Sessions are Auth.js JWTs naming a
// server-side session row (8 hours); only signing that session out or a password reset of the login revokes
// it, and no spec does either to a demo login's stored session.
setup.describe.configure({ mode: "parallel" });

for (const who of Object.keys(logins) as Login[]) {
  setup(`sign in as ${who}`, async ({ request }) => {
    await signInByApi(request, logins[who]);
    fs.mkdirSync(path.dirname(sessionFile(who)), { recursive: true });
    await request.storageState({ path: sessionFile(who) });
  });
}
