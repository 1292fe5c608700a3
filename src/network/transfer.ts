import type { Budget } from "../limits/budget.js";
import type { NetworkPolicy } from "./policy.js";
import type { NetworkResponse } from "./types.js";

/** One request/response exchange of a transfer (one per redirect hop). */
export interface Hop {
  url: URL;
  method: string;
  /** The headers the script asked for plus the tool's defaults: never the injected secrets. */
  shownHeaders: Array<[string, string]>;
  status: number;
  statusText: string;
  headers: Array<[string, string]>;
}

export interface TransferRequest {
  url: URL;
  method: string;
  /** The script's headers (name, value), in order. */
  headers: Array<[string, string]>;
  body?: Uint8Array;
  /** Follow 3xx responses that have a Location (curl -L; always for wget). */
  follow: boolean;
  maxRedirects: number;
  /** The tool's own time limit (curl -m, wget -T), in ms. */
  maxTimeMs?: number;
  /** Called before each hop is sent (curl -v, wget's log), with the hop's URL and method. */
  onRequest?: (url: URL, method: string, shownHeaders: Array<[string, string]>) => void;
  /** Called as each response arrives (wget's log), with whether it is a redirect being followed. */
  onResponse?: (hop: Hop, following: boolean) => void;
}

export interface TransferResult {
  hops: Hop[];
  /** Body of the last response. */
  body: Uint8Array;
}

/** Why a transfer failed; curl and wget map each kind to their own exit status and message. */
export class TransferError extends Error {
  constructor(
    readonly kind: "denied" | "connect" | "timeout" | "redirects" | "too-large",
    message: string,
    readonly url: URL,
    /** Hops completed before the failure (curl -i prints them). */
    readonly hops: Hop[] = [],
  ) {
    super(message);
  }
}

type AbortCause = "deadline" | "max-time";

/**
 * Runs one transfer through the embedding's fetch: every hop is checked against
 * the allow-list first, secret headers are added per hop from the rule that
 * allows it, and the exec's deadline, abort signal and the tool's own max time
 * all cancel it (a fetch that ignores its signal is abandoned).
 */
export async function transfer(policy: NetworkPolicy, budget: Budget, signal: AbortSignal | undefined, req: TransferRequest): Promise<TransferResult> {
  const controller = new AbortController();
  const started = Date.now();
  const cancel = (cause: AbortCause) => () => controller.abort(cause);
  const timers: Array<ReturnType<typeof setTimeout>> = [];
  const remaining = budget.remainingMs();
  if (remaining !== Infinity) timers.push(setTimeout(cancel("deadline"), remaining + 1));
  if (req.maxTimeMs !== undefined) timers.push(setTimeout(cancel("max-time"), req.maxTimeMs));
  const onAbort = cancel("deadline");
  signal?.addEventListener("abort", onAbort, { once: true });
  if (signal?.aborted) controller.abort("deadline");
  const hops: Hop[] = [];
  let url = req.url;
  let method = req.method;
  let body = req.body;
  let scriptHeaders = req.headers;
  try {
    for (let redirects = 0; ; redirects++) {
      budget.step();
      const allowed = policy.check(url, method);
      if ("reason" in allowed) throw new TransferError("denied", allowed.message, url, hops);
      const shown = scriptHeaders;
      req.onRequest?.(url, method, shown);
      const headers: Record<string, string> = {};
      for (const [k, v] of shown) headers[k.toLowerCase()] = v;
      const rule = allowed.rule;
      const secret: Record<string, string> = { ...rule.headers };
      if (rule.transform) {
        Object.assign(secret, await guard(Promise.resolve(rule.transform({ url: url.href, method, headers: { ...headers } })), controller.signal));
      }
      for (const [k, v] of Object.entries(secret)) headers[k.toLowerCase()] = String(v);
      let res: NetworkResponse;
      try {
        res = await guard(policy.options.fetch(url.href, { method, headers, body, redirect: "manual", signal: controller.signal }), controller.signal);
      } catch (e) {
        if (controller.signal.aborted) throw e;
        throw new TransferError("connect", "connection failed", url, hops);
      }
      const resHeaders: Array<[string, string]> = [];
      res.headers.forEach((value, name) => resHeaders.push([name, value]));
      const hop: Hop = { url, method, shownHeaders: shown, status: res.status, statusText: res.statusText || reasonPhrase(res.status), headers: resHeaders };
      hops.push(hop);
      const location = header(resHeaders, "location");
      const following = req.follow && location !== undefined && res.status >= 300 && res.status < 400 && res.status !== 304;
      req.onResponse?.(hop, following);
      if (following && location !== undefined) {
        if (redirects >= req.maxRedirects) throw new TransferError("redirects", `Maximum (${req.maxRedirects}) redirects followed`, url, hops);
        let next: URL;
        try {
          next = new URL(location, url);
        } catch {
          throw new TransferError("connect", "bad redirect URL", url, hops);
        }
        // Drain nothing: the body of a redirect is discarded, as curl -L does.
        if ((res.status === 303 && method !== "HEAD") || ((res.status === 301 || res.status === 302) && method === "POST")) {
          method = "GET";
          body = undefined;
        }
        // The script's credentials do not follow it to another host (curl without --location-trusted).
        if (next.origin !== url.origin) scriptHeaders = scriptHeaders.filter(([k]) => !/^(authorization|cookie)$/i.test(k));
        url = next;
        continue;
      }
      const data = method === "HEAD" ? new Uint8Array(0) : await readBody(res, policy.maxResponseBytes, controller.signal, budget, url, hops);
      return { hops, body: data };
    }
  } catch (e) {
    if (controller.signal.aborted) {
      budget.checkTime();
      if (controller.signal.reason === "max-time") {
        throw new TransferError("timeout", `Operation timed out after ${Date.now() - started} milliseconds`, url, hops);
      }
      // The deadline timer fired a moment early: wait for it to pass so the limit reads as usual.
      await new Promise((r) => setTimeout(r, 2));
      budget.checkTime();
    }
    throw e;
  } finally {
    for (const t of timers) clearTimeout(t);
    signal?.removeEventListener("abort", onAbort);
  }
}

/** Settles with p, or rejects as soon as signal aborts (a fetch that ignores its signal is left behind). */
function guard<T>(p: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    if (signal.aborted) return reject(new Error("aborted"));
    const onAbort = () => reject(new Error("aborted"));
    signal.addEventListener("abort", onAbort, { once: true });
    p.then(
      (v) => {
        signal.removeEventListener("abort", onAbort);
        resolve(v);
      },
      (e) => {
        signal.removeEventListener("abort", onAbort);
        reject(e);
      },
    );
  });
}

async function readBody(res: NetworkResponse, max: number, signal: AbortSignal, budget: Budget, url: URL, hops: Hop[]): Promise<Uint8Array> {
  const tooLarge = () => new TransferError("too-large", "Maximum file size exceeded", url, hops);
  const declared = Number(header(hops[hops.length - 1].headers, "content-length"));
  if (Number.isFinite(declared) && declared > max) throw tooLarge();
  const chunks: Uint8Array[] = [];
  let total = 0;
  const reader = res.body && typeof res.body.getReader === "function" ? res.body.getReader() : null;
  if (reader) {
    for (;;) {
      const { done, value } = await guard(reader.read(), signal);
      if (done) break;
      if (!value) continue;
      total += value.length;
      if (total > max) {
        reader.cancel().catch(() => {});
        throw tooLarge();
      }
      chunks.push(value);
      budget.step();
    }
  } else {
    const all = new Uint8Array(await guard(res.arrayBuffer(), signal));
    if (all.length > max) throw tooLarge();
    return all;
  }
  const out = new Uint8Array(total);
  let o = 0;
  for (const c of chunks) {
    out.set(c, o);
    o += c.length;
  }
  return out;
}

/** The first value of a response header (names are compared case-insensitively). */
export function header(headers: Array<[string, string]>, name: string): string | undefined {
  const n = name.toLowerCase();
  return headers.find(([k]) => k.toLowerCase() === n)?.[1];
}

const REASONS: Record<number, string> = {
  200: "OK", 201: "Created", 202: "Accepted", 204: "No Content", 206: "Partial Content",
  301: "Moved Permanently", 302: "Found", 303: "See Other", 304: "Not Modified", 307: "Temporary Redirect", 308: "Permanent Redirect",
  400: "Bad Request", 401: "Unauthorized", 403: "Forbidden", 404: "Not Found", 405: "Method Not Allowed", 409: "Conflict",
  410: "Gone", 422: "Unprocessable Entity", 429: "Too Many Requests",
  500: "Internal Server Error", 501: "Not Implemented", 502: "Bad Gateway", 503: "Service Unavailable", 504: "Gateway Timeout",
};

export function reasonPhrase(status: number): string {
  return REASONS[status] ?? "";
}
