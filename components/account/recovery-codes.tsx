"use client";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { buttonClass } from "@/components/ui/button";

/**
 * Recovery codes, shown once: copy, download as text, then "I have saved them" refreshes the page (which
 * never shows them again).
 */
export function RecoveryCodes({ codes, continueTo }: { codes: string[]; continueTo?: string }) {
  const router = useRouter();
  const [copied, setCopied] = useState<"yes" | "no" | null>(null);
  const text = `${codes.join("\n")}\n`;
  const download = () => {
    const url = URL.createObjectURL(new Blob([text], { type: "text/plain" }));
    const link = document.createElement("a");
    link.href = url;
    link.download = "recovery-codes.txt";
    link.click();
    URL.revokeObjectURL(url);
  };
  return (
    <section
      aria-labelledby="recovery-codes-title"
      className="rounded-md bg-amber-50 p-4 text-sm text-amber-950 ring-1 ring-amber-200"
    >
      <h3 id="recovery-codes-title" className="font-semibold">
        Save your recovery codes now
      </h3>
      <p className="mt-1">
        Each code signs you in once if you lose your phone. They are shown only this once: copy or download
        them and keep them somewhere safe.
      </p>
      <ol
        aria-label="Recovery codes"
        data-testid="recovery-codes"
        className="mt-3 grid grid-cols-1 gap-1 rounded bg-white p-3 font-mono text-base text-slate-900 ring-1 ring-amber-200 min-[360px]:grid-cols-2"
      >
        {codes.map((code) => (
          <li key={code}>{code}</li>
        ))}
      </ol>
      <div className="mt-3 flex flex-wrap gap-2">
        <button
          type="button"
          className={buttonClass("secondary")}
          onClick={() =>
            navigator.clipboard.writeText(text).then(
              () => setCopied("yes"),
              () => setCopied("no"),
            )
          }
        >
          Copy codes
        </button>
        <button type="button" className={buttonClass("secondary")} onClick={download}>
          Download .txt
        </button>
        <button
          type="button"
          className={buttonClass("primary")}
          onClick={() => (continueTo ? router.push(continueTo) : router.refresh())}
        >
          I have saved them
        </button>
      </div>
      <p role="status" className="mt-2 min-h-5 text-xs">
        {copied === "yes"
          ? "Copied."
          : copied === "no"
            ? "Copying was refused: select the codes instead."
            : ""}
      </p>
    </section>
  );
}
