import type { NetworkFetch, NetworkRequestInit } from "../../src/index.js";

/** A recorded request as the fake server saw it (with the injected headers). */
export interface SeenRequest {
  url: string;
  method: string;
  headers: Record<string, string>;
  body: string;
}

export type Route = (req: SeenRequest) => { status?: number; body?: string | Uint8Array; headers?: Record<string, string> } | "hang" | "throw";

/** A fetch that never touches the network: routes by exact URL, 404 otherwise. */
export function fakeFetch(routes: Record<string, Route>): { fetch: NetworkFetch; seen: SeenRequest[] } {
  const seen: SeenRequest[] = [];
  const fetch: NetworkFetch = async (url: string, init: NetworkRequestInit) => {
    const req: SeenRequest = {
      url,
      method: init.method,
      headers: { ...init.headers },
      body: init.body ? new TextDecoder().decode(init.body) : "",
    };
    seen.push(req);
    const route = routes[url];
    if (!route) return new Response("not found\n", { status: 404, headers: { "content-type": "text/plain" } });
    const r = route(req);
    if (r === "hang") return new Promise(() => {});
    if (r === "throw") throw new TypeError("fetch failed: ECONNREFUSED 10.0.0.1 secret-internal-host");
    const status = r.status ?? 200;
    const noBody = status === 204 || status === 304 || init.method === "HEAD";
    return new Response((noBody ? null : (r.body ?? "")) as BodyInit | null, { status, headers: r.headers ?? {} });
  };
  return { fetch, seen };
}
