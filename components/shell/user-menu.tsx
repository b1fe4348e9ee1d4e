import { type Role, roleLabels } from "@/lib/auth/permissions";
import { signOutAction } from "@/lib/auth/sign-out";

/** A disclosure (details/summary) so it works with the keyboard and without JavaScript. */
export function UserMenu({
  name,
  email,
  role,
  company,
}: {
  name: string;
  email: string;
  role: Role;
  company: string;
}) {
  return (
    <details className="group relative">
      <summary className="flex cursor-pointer list-none items-center gap-2 rounded-md px-2 py-1.5 text-sm hover:bg-slate-100 [&::-webkit-details-marker]:hidden">
        <span
          aria-hidden
          className="inline-flex h-8 w-8 items-center justify-center rounded-full bg-slate-200 text-xs font-semibold text-slate-700"
        >
          {name
            .split(" ")
            .map((p) => p[0])
            .join("")
            .slice(0, 2)
            .toUpperCase()}
        </span>
        <span className="hidden text-left sm:block">
          <span className="block font-medium text-slate-900">{name}</span>
          <span className="block text-xs text-slate-500">{roleLabels[role]}</span>
        </span>
        <span className="sr-only">Open user menu</span>
      </summary>
      <div className="absolute right-0 z-20 mt-2 w-64 rounded-md border border-slate-200 bg-white p-3 shadow-lg">
        <p className="text-sm font-medium text-slate-900">{name}</p>
        <p className="truncate text-xs text-slate-500">{email}</p>
        <p className="mt-1 text-xs text-slate-500">
          {company} · {roleLabels[role]}
        </p>
        <a
          href="/account/security"
          className="mt-3 block rounded-md border-t border-slate-100 px-2 pt-3 pb-1.5 text-sm font-medium text-slate-700 hover:bg-slate-100"
        >
          Sign-in security
        </a>
        <form action={signOutAction} className="mt-1 border-t border-slate-100 pt-3">
          <button
            type="submit"
            className="w-full rounded-md px-2 py-1.5 text-left text-sm font-medium text-slate-700 hover:bg-slate-100"
          >
            Sign out
          </button>
        </form>
      </div>
    </details>
  );
}
