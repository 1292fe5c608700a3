import type { NetworkOptions, NetworkRule } from "./types.js";

/** A compiled allow-list entry. */
interface CompiledRule {
  protocol: string;
  host: string;
  path: string;
  /** Query part of the prefix (rare); when set the whole URL must start with `href`. */
  href: string | null;
  methods: Set<string> | "*";
  rule: NetworkRule;
}

/** Why a request is refused (shown to the script by curl and wget). */
export type Denial = { reason: "url" | "method"; message: string };

/**
 * The allow-list. URLs are compared after WHATWG parsing, so "..", "%2e%2e",
 * default ports, upper-case hosts and user-info cannot slip past a prefix.
 */
export class NetworkPolicy {
  declare readonly options: NetworkOptions;
  declare private readonly rules: CompiledRule[];
  declare readonly maxRedirects: number;
  declare readonly maxResponseBytes: number;

  // Fields assigned, not class fields: a field makes V8 compile the class body again at the first instance.
  constructor(options: NetworkOptions) {
    this.options = options;
    if (typeof options.fetch !== "function") throw new TypeError("sandbash: network.fetch must be a function");
    if (!Array.isArray(options.allow)) throw new TypeError("sandbash: network.allow must be an array of URL prefixes or rules");
    this.rules = options.allow.map((entry) => compile(typeof entry === "string" ? { url: entry } : entry));
    this.maxRedirects = checkCount(options.maxRedirects, 20, "maxRedirects");
    this.maxResponseBytes = checkCount(options.maxResponseBytes, 16 * 1024 * 1024, "maxResponseBytes");
  }

  /** The rule allowing method on url, or why there is none. */
  check(url: URL, method: string): { rule: NetworkRule } | Denial {
    let urlMatched = false;
    for (const r of this.rules) {
      if (!matches(r, url)) continue;
      urlMatched = true;
      if (r.methods === "*" || r.methods.has(method.toUpperCase())) return { rule: r.rule };
    }
    return urlMatched
      ? { reason: "method", message: `method ${method} is not allowed for ${url.href}` }
      : { reason: "url", message: `${url.href} is not in the allow-list` };
  }
}

function checkCount(v: number | undefined, dflt: number, name: string): number {
  if (v === undefined) return dflt;
  if (typeof v !== "number" || Number.isNaN(v) || v < 0) throw new TypeError(`sandbash: network.${name} must be a non-negative number`);
  return v;
}

function compile(rule: NetworkRule): CompiledRule {
  if (!rule || typeof rule.url !== "string") throw new TypeError("sandbash: each network.allow entry needs a url");
  let u: URL;
  try {
    u = new URL(rule.url);
  } catch {
    throw new TypeError(`sandbash: network.allow: invalid URL ${JSON.stringify(rule.url)}`);
  }
  if (u.protocol !== "http:" && u.protocol !== "https:") {
    throw new TypeError(`sandbash: network.allow: only http and https URLs can be allowed (${rule.url})`);
  }
  if (u.username || u.password) throw new TypeError("sandbash: network.allow: put credentials in headers, not in the URL");
  const methods = rule.methods ?? ["GET", "HEAD"];
  return {
    protocol: u.protocol,
    host: u.host,
    path: u.pathname,
    href: u.search ? u.origin + u.pathname + u.search : null,
    methods: methods.includes("*") ? "*" : new Set(methods.map((m) => m.toUpperCase())),
    rule,
  };
}

function matches(r: CompiledRule, url: URL): boolean {
  if (url.protocol !== r.protocol || url.host !== r.host) return false;
  if (url.username || url.password) return false;
  if (r.href !== null) return (url.origin + url.pathname + url.search).startsWith(r.href);
  const p = url.pathname;
  if (r.path === "/" || r.path === "") return true;
  if (r.path.endsWith("/")) return p.startsWith(r.path);
  return p === r.path || p.startsWith(r.path + "/");
}
