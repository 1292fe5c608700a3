import type { CommandContext } from "../types.js";
import type { NetworkPolicy } from "../../src/network/policy.js";
import { openInput } from "../_lib/input.js";
import { LimitExceeded } from "../../src/limits/budget.js";
import { concatBytes } from "../../src/io/streams.js";

/** The session's network access, set on the context only when `new Bash({ network })` was given. */
export function networkOf(ctx: CommandContext): NetworkPolicy | undefined {
  return (ctx as CommandContext & { network?: NetworkPolicy }).network;
}

/**
 * Parses a URL operand the way curl and wget do: no scheme means http://.
 * Returns null for a URL that does not parse.
 */
export function parseUrl(text: string): URL | null {
  const withScheme = /^[a-zA-Z][a-zA-Z0-9+.-]*:\/\//.test(text) ? text : `http://${text}`;
  try {
    return new URL(withScheme);
  } catch {
    return null;
  }
}

/** The scheme of a URL operand as written ("" when it has none). */
export function schemeOf(text: string): string {
  const m = /^([a-zA-Z][a-zA-Z0-9+.-]*):\/\//.exec(text);
  return m ? m[1] : "";
}

/** Reads a request body operand (a file or "-" for stdin), at most max bytes. */
export async function readUpload(ctx: CommandContext, operand: string, max: number): Promise<Uint8Array> {
  const reader = await openInput(ctx, operand);
  const parts: Uint8Array[] = [];
  let total = 0;
  for (let c = await reader.read(); c; c = await reader.read()) {
    total += c.length;
    if (total > max) throw new LimitExceeded("string", max);
    parts.push(c);
    ctx.budget.checkTime();
  }
  return concatBytes(parts, total);
}

/**
 * How many redirects a request may follow: the command's option (curl
 * --max-redirs, wget --max-redirect) when it is a number >= 0, else the
 * command's default; never more than the network policy allows.
 */
export function redirectLimit(policy: NetworkPolicy, option: string | undefined, fallback: number): number {
  return Math.min(policy.maxRedirects, option !== undefined && Number(option) >= 0 ? Number(option) : fallback);
}

/** A time limit given in seconds (curl -m, wget -T) in milliseconds; none when absent or not above zero. */
export function timeLimitMs(seconds: string | undefined): number | undefined {
  const n = Number(seconds);
  return n > 0 ? n * 1000 : undefined;
}

/** The last path segment of a URL, decoded as curl -O and wget name their files ("" for none). */
export function remoteName(url: URL): string {
  const seg = url.pathname.slice(url.pathname.lastIndexOf("/") + 1);
  try {
    return decodeURIComponent(seg);
  } catch {
    return seg;
  }
}
