"use server";
import { redirect } from "next/navigation";
import { z } from "zod";
import type { Db } from "@/db/client";
import { datacenterForCountry, webAcronisDirectory } from "@/lib/acronis/datacenters";
import { publicContext } from "@/lib/actions/context";
import { publicAction } from "@/lib/actions/safe-action";
import { accountEmailSchema } from "@/lib/auth/account-email";
import { signIn } from "@/lib/auth/auth";
import { issueUserToken } from "@/lib/auth/tokens";
import { AppError } from "@/lib/errors/app-error";
import { appOrigin, requestAddress } from "@/lib/http/origin";
import { consumeLimit } from "@/lib/security/limits";
import {
  acronisLoginSchema,
  COUNTRY_CODES,
  isLoginAvailable,
  type LoginChecker,
  resendVerification,
  signupSchema,
  submitSignup,
  verifySignup,
} from "@/lib/signup";

/**
 * Asks the datacenter the reseller would be provisioned in. Checks share one short-fused client per
 * datacenter (webAcronisDirectory), so its Acronis token is reused between checks.
 */
const loginChecker =
  (db: Db): LoginChecker =>
  async (login, datacenterId) =>
    (await webAcronisDirectory(db).client(datacenterId)).checkLogin(login);

export const signupAction = publicAction(signupSchema, async (input, ctx) => {
  const result = await submitSignup(ctx.db, input, {
    checkAcronisLogin: loginChecker(ctx.db),
    appUrl: appOrigin(),
    today: ctx.today,
    ipAddress: await requestAddress(),
  });
  redirect(`/signup/check-email?email=${encodeURIComponent(result.email)}`);
});

export type LoginCheck = { login: string; available: boolean | null; message: string };

const liveCheckCountry = z
  .string()
  .trim()
  .toUpperCase()
  .refine((v) => COUNTRY_CODES.has(v))
  .optional()
  .catch(undefined);

/**
 * The form's live check of the Acronis login (the submit checks again; this is only a courtesy), in the
 * datacenter of the country chosen so far (the default one before a country is chosen).
 */
export async function checkLoginAction(login: string, country?: string): Promise<LoginCheck> {
  const parsed = acronisLoginSchema.safeParse(login);
  if (!parsed.success) return { login, available: false, message: parsed.error.issues[0]?.message ?? "" };
  const ctx = publicContext();
  const countryCode = liveCheckCountry.parse(country);
  // Each check asks Acronis: limited per address, and a refusal just says the submit will check.
  const allowed = await consumeLimit(ctx.db, "acronisLoginCheck", await requestAddress());
  if (!allowed.ok) {
    return {
      login,
      available: null,
      message: `Too many checks from your address; we'll check "${parsed.data}" when you submit.`,
    };
  }
  try {
    // No country yet: "" is in no map, so the default datacenter answers.
    const datacenterId = await datacenterForCountry(ctx.db, countryCode ?? "");
    const free = await isLoginAvailable(ctx.db, loginChecker(ctx.db), parsed.data, datacenterId);
    return {
      login,
      available: free,
      message: free
        ? `"${parsed.data}" is available.`
        : `The login "${parsed.data}" is already taken in Acronis. Choose another.`,
    };
  } catch {
    return {
      login,
      available: null,
      message: "Couldn't check with Acronis right now; we'll check again when you submit.",
    };
  }
}

export const resendAction = publicAction(
  z.object({ email: accountEmailSchema }),
  async ({ email }, ctx) => {
    await resendVerification(ctx.db, email, { appUrl: appOrigin(), address: await requestAddress() });
  },
  { message: "If this address is waiting for confirmation, a new link is on its way." },
);

export const verifyAction = publicAction(
  z.object({ token: z.string().regex(/^[\w-]{20,100}$/, "This link is incomplete.") }),
  async ({ token }, ctx) => {
    const result = await verifySignup(ctx.db, token, ctx.today);
    // Straight into the portal: a single-use sign-in token, minted and spent within this request.
    const signInToken = await issueUserToken(ctx.db, result.userId, "sign_in", 2);
    await signIn("one-time", { token: signInToken, redirectTo: "/portal/setup" });
    throw new AppError("internal", "Signing in did not redirect.");
  },
);
