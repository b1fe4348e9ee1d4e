import Link from "next/link";
import { buttonClass } from "@/components/ui/button";

export default function NotFound() {
  return (
    <div className="mx-auto flex min-h-[60vh] max-w-lg flex-col items-center justify-center gap-3 px-6 text-center">
      <p className="text-sm font-semibold text-slate-500">404</p>
      <h1 className="text-2xl font-bold tracking-tight">Page not found</h1>
      <p className="text-sm text-slate-600">
        The page you asked for does not exist or is no longer available.
      </p>
      <Link href="/" className={buttonClass("secondary", "mt-2")}>
        Back to the start page
      </Link>
    </div>
  );
}
