import type { ApiKeyView } from "@/lib/api-keys/keys";
import { type ApiKeyStatus, apiKeyStatus } from "@/lib/api-keys/status";
import { formatDate, formatDateTime } from "@/lib/format";

export { type ApiKeyStatus, apiKeyStatus } from "@/lib/api-keys/status";

/** One key as the table shows it, formatted on the server. Never the secret: only its visible prefix. */
export type ApiKeyRow = {
  id: string;
  name: string;
  prefix: string;
  scopes: string[];
  created: string;
  /** Who created it, when known. */
  createdBy: string | null;
  lastUsed: string;
  expires: string;
  status: ApiKeyStatus;
};

export function toApiKeyRows(keys: ApiKeyView[], now: Date): ApiKeyRow[] {
  return keys.map((key) => ({
    id: key.id,
    name: key.name,
    prefix: key.prefix,
    scopes: key.scopes,
    created: formatDate(key.createdAt),
    createdBy: key.createdByName ?? null,
    lastUsed: key.lastUsedAt ? formatDateTime(key.lastUsedAt) : "never",
    expires: key.expiresAt ? formatDateTime(key.expiresAt) : "never",
    status: apiKeyStatus(key, now),
  }));
}

/** What the create action answers: the only time the whole key leaves the server. */
export type NewApiKey = { id: string; name: string; prefix: string; scopes: string[]; key: string };
