import type { ReactNode, TdHTMLAttributes, ThHTMLAttributes } from "react";
import { cn } from "./cn";

export function Table({ children, caption }: { children: ReactNode; caption?: string }) {
  return (
    // relative: screen-reader-only labels in cells (absolutely placed) stay inside the scroll box, not the page.
    // A wide table scrolls inside this box, never the page, with its first column fixed so a row stays named.
    <div className="relative max-w-full overflow-x-auto">
      <table
        className={cn(
          "min-w-full divide-y divide-slate-200 text-sm",
          "[&_tr>*:first-child]:sticky [&_tr>*:first-child]:left-0 [&_tr>*:first-child]:z-[1]",
          "[&_tbody_tr>*:first-child]:bg-white [&_tfoot_tr>*:first-child]:bg-slate-50",
        )}
      >
        {caption && <caption className="sr-only">{caption}</caption>}
        {children}
      </table>
    </div>
  );
}

export function Th({
  className,
  numeric,
  ...props
}: ThHTMLAttributes<HTMLTableCellElement> & { numeric?: boolean }) {
  return (
    <th
      scope="col"
      className={cn(
        "whitespace-nowrap bg-slate-50 px-4 py-2.5 text-xs font-semibold uppercase tracking-wide text-slate-500",
        numeric ? "text-right" : "text-left",
        className,
      )}
      {...props}
    />
  );
}

export function Td({
  className,
  numeric,
  ...props
}: TdHTMLAttributes<HTMLTableCellElement> & { numeric?: boolean }) {
  return (
    <td
      className={cn(
        "whitespace-nowrap px-4 py-2.5 text-slate-700",
        numeric && "text-right tabular-nums",
        className,
      )}
      {...props}
    />
  );
}
