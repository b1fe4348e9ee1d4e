import { buttonClass } from "@/components/ui/button";

export function InvoiceDownloads({ invoiceId }: { invoiceId: string }) {
  return (
    <div className="flex gap-2">
      <a href={`/api/invoices/${invoiceId}/pdf`} className={buttonClass("secondary")}>
        Download PDF
      </a>
      <a href={`/api/invoices/${invoiceId}/csv`} className={buttonClass("secondary")}>
        Download CSV
      </a>
    </div>
  );
}
