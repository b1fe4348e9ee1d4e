"use server";
import { eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { sessions } from "@/db/schema";
import { signOut } from "./auth";
import { getCurrentUser } from "./guard";

/** Revokes the server-side session row, then clears the cookie. */
export async function signOutAction(): Promise<void> {
  const user = await getCurrentUser();
  if (user)
    await getDb().update(sessions).set({ revokedAt: new Date() }).where(eq(sessions.id, user.sessionId));
  await signOut({ redirectTo: "/login" });
}
