/**
 * The network option of `new Bash({ network })`: off unless the embedding
 * passes a fetch function and an allow-list. Only curl and wget use it.
 */

/** What sandbash hands to the embedding's fetch (a subset of RequestInit). */
export interface NetworkRequestInit {
  method: string;
  headers: Record<string, string>;
  body?: Uint8Array;
  /** Always "manual": every redirect is re-checked against the allow-list before it is followed. */
  redirect: "manual";
  signal: AbortSignal;
}

/** What sandbash reads from the response (a subset of the Fetch API's Response). */
export interface NetworkResponse {
  status: number;
  statusText?: string;
  headers: { forEach(callback: (value: string, name: string) => void): void };
  /** Read in chunks when present, so an oversized body stops at maxResponseBytes. */
  body?: { getReader(): { read(): Promise<{ done: boolean; value?: Uint8Array }>; cancel(reason?: unknown): Promise<void> } } | null;
  arrayBuffer(): Promise<ArrayBuffer>;
}

/** globalThis.fetch fits this type. */
export type NetworkFetch = (url: string, init: NetworkRequestInit) => Promise<NetworkResponse>;

/** A request as a header transform sees it: the script's headers, never other transforms' secrets. */
export interface OutgoingRequest {
  url: string;
  method: string;
  headers: Record<string, string>;
}

export interface NetworkRule {
  /**
   * URL prefix. Scheme, host and port must match exactly; the path matches whole
   * segments ("https://api.x.com/v1" allows /v1 and /v1/users, not /v10), and a
   * prefix ending in "/" allows everything below it.
   */
  url: string;
  /** Methods allowed for this prefix (default GET and HEAD). "*" allows all. */
  methods?: string[];
  /**
   * Headers added to every request to this prefix (API keys): they override the
   * script's headers of the same name, are never shown to the script (not in
   * curl -v, not in any variable), and are not sent on to a redirect target
   * unless that target's own rule adds them.
   */
  headers?: Record<string, string>;
  /** Computes secret headers per request (and per redirect hop), like `headers`. */
  transform?: (request: OutgoingRequest) => Record<string, string> | Promise<Record<string, string>>;
}

export interface NetworkOptions {
  fetch: NetworkFetch;
  /** URL prefixes (strings allow GET and HEAD) or rules. An empty list allows nothing. */
  allow: Array<string | NetworkRule>;
  /** Most redirects one transfer follows (default 20; curl --max-redirs and wget --max-redirect may lower it). */
  maxRedirects?: number;
  /** Largest response body kept, in bytes (default 16 MiB); a larger one fails (curl exit 63, wget exit 4). */
  maxResponseBytes?: number;
}
