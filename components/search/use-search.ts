"use client";
import { useQuery } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { SEARCH_MAX_LENGTH, SEARCH_MIN_LENGTH, type SearchHit, type SearchResult } from "@/lib/search/types";

const DEBOUNCE_MS = 200;
const NO_HITS: SearchHit[] = [];

/** `value`, once it has stopped changing for `ms`. */
function useDebounced<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

async function fetchHits(q: string, signal: AbortSignal): Promise<SearchResult> {
  const res = await fetch(`/api/admin/search?q=${encodeURIComponent(q)}`, {
    signal,
    headers: { accept: "application/json" },
  });
  const body = await res.json().catch(() => null);
  if (!res.ok) throw new Error(body?.error?.message ?? "The search failed. Try again.");
  return body as SearchResult;
}

/**
 * The global search's query: the typed text, trimmed, asked of /api/admin/search once typing pauses
 * (~200 ms); TanStack Query aborts the superseded request and caches recent answers. `settled` is false
 * while the shown answer is not yet the typed text's.
 */
export function useGlobalSearch(text: string) {
  const q = text.trim();
  const debounced = useDebounced(q, DEBOUNCE_MS);
  const searchable = debounced.length >= SEARCH_MIN_LENGTH && debounced.length <= SEARCH_MAX_LENGTH;
  const query = useQuery({
    queryKey: ["admin-search", debounced],
    queryFn: ({ signal }) => fetchHits(debounced, signal),
    enabled: searchable,
    staleTime: 30_000,
    retry: false,
  });
  const tooShort = q.length < SEARCH_MIN_LENGTH;
  const settled = !tooShort && debounced === q && searchable && !query.isFetching && query.isSuccess;
  return {
    q,
    tooShort,
    tooLong: q.length > SEARCH_MAX_LENGTH,
    loading: !tooShort && q.length <= SEARCH_MAX_LENGTH && !settled && !query.isError,
    error: debounced === q && query.isError ? query.error.message : null,
    hits: settled ? (query.data?.hits ?? NO_HITS) : NO_HITS,
    settled,
  };
}
