/** A paperclip and "n attachment(s)": the outbox list's mark of an email that carries files. */
export function AttachmentMarker({ count }: { count: number }) {
  const label = count === 1 ? "1 attachment" : `${count} attachments`;
  return (
    <span className="inline-flex items-center gap-1 text-xs text-slate-500">
      <svg
        aria-hidden="true"
        viewBox="0 0 20 20"
        className="h-3.5 w-3.5 fill-none stroke-current"
        strokeWidth={1.6}
        strokeLinecap="round"
        strokeLinejoin="round"
      >
        <path d="M14.5 9.5 9.4 14.6a3.5 3.5 0 0 1-5-5l6.4-6.4a2.3 2.3 0 0 1 3.3 3.3l-6.4 6.4a1.2 1.2 0 0 1-1.6-1.6l5.8-5.9" />
      </svg>
      {label}
    </span>
  );
}
