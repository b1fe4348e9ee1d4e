"use client";
import { useRouter } from "next/navigation";
import { type KeyboardEvent, useCallback, useEffect, useId, useRef, useState } from "react";
import { buttonClass } from "@/components/ui/button";
import { type SearchHit, type SearchKind, searchKindLabels } from "@/lib/search/types";
import { useGlobalSearch } from "./use-search";

type Group = { kind: SearchKind; hits: { hit: SearchHit; index: number }[] };

/** Consecutive hits of one kind (the route already orders kinds by their best match). */
function groupsOf(hits: SearchHit[]): Group[] {
  const groups: Group[] = [];
  hits.forEach((hit, index) => {
    const last = groups.at(-1);
    if (last?.kind === hit.kind) last.hits.push({ hit, index });
    else groups.push({ kind: hit.kind, hits: [{ hit, index }] });
  });
  return groups;
}

/** ⌘K on Apple keyboards, Ctrl K elsewhere; read after hydration so server and client agree. */
function useShortcutHint(): string {
  const [hint, setHint] = useState("Ctrl K");
  useEffect(() => {
    if (/mac|iphone|ipad/i.test(navigator.userAgent)) setHint("⌘K");
  }, []);
  return hint;
}

/**
 * The back office header's global search (issue 16): a Search button, and Cmd-K / Ctrl-K anywhere in the
 * back office, open a native modal dialog (focus kept inside, Escape closes, focus back where it was) with
 * a combobox: typing asks /api/admin/search, hits are grouped by kind, arrow keys move, Enter opens.
 */
export function GlobalSearch() {
  const router = useRouter();
  const dialogRef = useRef<HTMLDialogElement>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const returnFocus = useRef<HTMLElement | null>(null);
  const titleId = useId();
  const listId = useId();
  const statusId = useId();
  const hint = useShortcutHint();
  const [text, setText] = useState("");
  const [active, setActive] = useState(0);
  // Enter pressed before the typed text's answer arrived: open its first hit when it does.
  const [openWhenReady, setOpenWhenReady] = useState(false);
  const search = useGlobalSearch(text);
  const { hits, settled } = search;

  const open = useCallback(() => {
    const dialog = dialogRef.current;
    if (!dialog || dialog.open) return;
    returnFocus.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    dialog.showModal();
    inputRef.current?.focus();
    inputRef.current?.select();
  }, []);

  const go = useCallback(
    (hit: SearchHit | undefined) => {
      if (!hit) return;
      setOpenWhenReady(false);
      returnFocus.current = null;
      dialogRef.current?.close();
      router.push(hit.href);
    },
    [router],
  );

  useEffect(() => {
    const onKey = (event: globalThis.KeyboardEvent) => {
      if ((event.metaKey || event.ctrlKey) && !event.altKey && event.key.toLowerCase() === "k") {
        event.preventDefault();
        open();
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [open]);

  // A new answer starts at its first hit.
  // biome-ignore lint/correctness/useExhaustiveDependencies: reset when the hits change
  useEffect(() => setActive(0), [hits]);

  useEffect(() => {
    if (openWhenReady && settled) {
      if (hits.length > 0) go(hits[0]);
      else setOpenWhenReady(false);
    }
  }, [openWhenReady, settled, hits, go]);

  const onInputKey = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      if (hits.length === 0) return;
      const step = event.key === "ArrowDown" ? 1 : -1;
      setActive((i) => (i + step + hits.length) % hits.length);
    } else if (event.key === "Enter") {
      event.preventDefault();
      if (settled) go(hits[active]);
      else if (!search.tooShort && !search.tooLong) setOpenWhenReady(true);
    }
  };

  const activeId = hits[active] ? `${listId}-${active}` : undefined;
  const status = search.tooShort
    ? "Type at least 2 characters: a reseller, tax id, invoice number, customer, email or Acronis tenant id."
    : search.tooLong
      ? "Type at most 100 characters."
      : search.error
        ? search.error
        : search.loading
          ? "Searching…"
          : hits.length === 0
            ? `No results for “${search.q}”.`
            : `${hits.length} result${hits.length === 1 ? "" : "s"}. Arrow keys move, Enter opens.`;

  return (
    <>
      <button
        type="button"
        onClick={open}
        aria-haspopup="dialog"
        aria-keyshortcuts="Meta+K Control+K"
        className={buttonClass(
          "secondary",
          "gap-2 px-3 py-1.5 font-medium text-slate-600 sm:min-w-48 sm:justify-between",
        )}
      >
        <span className="flex items-center gap-2">
          <svg
            aria-hidden
            viewBox="0 0 20 20"
            fill="none"
            className="h-4 w-4"
            stroke="currentColor"
            strokeWidth={2}
          >
            <circle cx="9" cy="9" r="6" />
            <path d="m14 14 4 4" strokeLinecap="round" />
          </svg>
          Search
        </span>
        <kbd
          aria-hidden
          className="hidden rounded border border-slate-300 bg-slate-50 px-1.5 font-sans text-xs text-slate-500 sm:inline"
        >
          {hint}
        </kbd>
      </button>
      {/* biome-ignore lint/a11y/useKeyWithClickEvents: a backdrop click; the keyboard closes it with Escape */}
      <dialog
        ref={dialogRef}
        aria-labelledby={titleId}
        onClose={() => {
          setOpenWhenReady(false);
          returnFocus.current?.focus();
        }}
        onClick={(event) => {
          // A click on the backdrop (the dialog element itself, outside its panel) closes it.
          if (event.target === dialogRef.current) dialogRef.current?.close();
        }}
        className="mx-auto mt-[8vh] max-h-[80dvh] w-[calc(100%-2rem)] max-w-xl overflow-hidden rounded-lg bg-white p-0 text-left text-sm text-slate-700 shadow-xl backdrop:bg-slate-900/50"
      >
        <div className="flex max-h-[80dvh] flex-col">
          <div className="flex items-center gap-2 border-b border-slate-200 px-4 py-3">
            <h2 id={titleId} className="sr-only">
              Search the back office
            </h2>
            <label htmlFor={`${listId}-input`} className="sr-only">
              Search resellers, invoices, customers and users
            </label>
            <input
              ref={inputRef}
              id={`${listId}-input`}
              type="search"
              role="combobox"
              aria-expanded={hits.length > 0}
              aria-controls={listId}
              aria-activedescendant={activeId}
              aria-autocomplete="list"
              aria-describedby={statusId}
              autoComplete="off"
              spellCheck={false}
              maxLength={200}
              placeholder="Reseller, tax id, invoice number, customer, email, tenant id…"
              value={text}
              onChange={(event) => {
                setText(event.target.value);
                setOpenWhenReady(false);
              }}
              onKeyDown={onInputKey}
              className="min-w-0 flex-1 border-0 bg-transparent py-1 text-base text-slate-900 placeholder:text-slate-400 focus:outline-none"
            />
            <button
              type="button"
              onClick={() => dialogRef.current?.close()}
              className="rounded px-2 py-1 text-xs font-medium text-slate-500 hover:bg-slate-100"
            >
              Esc<span className="sr-only"> (close search)</span>
            </button>
          </div>
          <p
            id={statusId}
            role="status"
            className={hits.length > 0 ? "sr-only" : "px-4 py-6 text-center text-slate-500"}
          >
            {status}
          </p>
          <div id={listId} role="listbox" aria-label="Search results" className="overflow-y-auto py-2">
            {groupsOf(hits).map((group) => (
              <div key={group.kind} role="group" aria-labelledby={`${listId}-${group.kind}`}>
                <p
                  id={`${listId}-${group.kind}`}
                  className="px-4 pt-2 pb-1 text-xs font-semibold uppercase tracking-wide text-slate-500"
                >
                  {searchKindLabels[group.kind]}
                </p>
                {group.hits.map(({ hit, index }) => (
                  // biome-ignore lint/a11y/useKeyWithClickEvents: the combobox input handles the keys (aria-activedescendant)
                  <div
                    key={`${hit.kind}-${hit.id}`}
                    id={`${listId}-${index}`}
                    role="option"
                    aria-selected={index === active}
                    tabIndex={-1}
                    onMouseMove={() => setActive(index)}
                    onClick={() => go(hit)}
                    className={`mx-2 cursor-pointer rounded-md px-3 py-2 ${index === active ? "bg-slate-100" : ""}`}
                  >
                    <span className="block truncate font-medium text-slate-900">{hit.title}</span>
                    <span className="block truncate text-xs text-slate-500">{hit.subtitle}</span>
                  </div>
                ))}
              </div>
            ))}
          </div>
        </div>
      </dialog>
    </>
  );
}
