import { redirect } from "next/navigation";
import { getCurrentUser } from "@/lib/auth/guard";
import { homeFor } from "@/lib/auth/permissions";

/** Where sign-in lands: each role goes to its own area. */
export default async function HomeRedirect() {
  const user = await getCurrentUser();
  redirect(user ? homeFor(user.role) : "/login");
}
