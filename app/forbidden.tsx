import Link from "next/link";
import { buttonClass } from "@/components/ui/button";

export default function Forbidden() {
  return (
    <div className="mx-auto flex min-h-[60vh] max-w-lg flex-col items-center justify-center gap-3 px-6 text-center">
      <p className="text-sm font-semibold text-slate-500">403</p>
      <h1 className="text-2xl font-bold tracking-tight">You do not have access to this page</h1>
      <p className="text-sm text-slate-600">
        Your account&apos;s role does not include this area. If you think it should, ask your administrator.
      </p>
      <Link href="/home" className={buttonClass("secondary", "mt-2")}>
        Go to your home page
      </Link>
    </div>
  );
}
