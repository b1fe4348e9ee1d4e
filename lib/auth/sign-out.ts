"use server";
import { signOut } from "./auth";

/** Signs out: Auth.js's signOut event (lib/auth/auth.ts) revokes the server-side session row, then the cookie goes. */
export async function signOutAction(): Promise<void> {
  await signOut({ redirectTo: "/login" });
}
