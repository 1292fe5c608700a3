import { concatBytes } from "../src/io/streams.js";
import type { CommandContext, CommandDef } from "./types.js";
import { parseOptions, type OptionSpec, type ParsedOptions } from "./_lib/options.js";
import { decodeUtf8, encodeUtf8 } from "../src/io/utf8.js";
import { isFsError } from "../src/fs/types.js";
import { LimitExceeded } from "../src/limits/budget.js";
import { transfer, TransferError, type Hop, type TransferResult } from "../src/network/transfer.js";
import { networkOf, parseUrl, readUpload, redirectLimit, remoteName, schemeOf, timeLimitMs } from "./net/common.js";
import { formatWriteOut } from "./net/write-out.js";

/**
 * curl (7.88.1), HTTP and HTTPS through the embedding's fetch only: present
 * when `new Bash({ network })` is given, and every URL (and every redirect) must
 * be on its allow-list. Headers the embedding injects for a rule are never shown
 * (not in -v, -i or -w). There is no progress meter: output is as with -s
 * except that errors still print unless -s is given without -S.
 */

const HELP = `Usage: curl [options...] <url>
 -d, --data <data>          HTTP POST data
     --data-binary <data>   HTTP POST binary data
     --data-raw <data>      HTTP POST data, '@' allowed
 -f, --fail                 Fail fast with no output on HTTP errors
     --fail-with-body       Fail on HTTP errors but save the body
 -G, --get                  Put the post data in the URL and use GET
 -H, --header <header/@file> Pass custom header(s) to server
 -I, --head                 Show document info only
 -i, --include              Include protocol response headers in the output
     --json <data>          HTTP POST JSON
 -L, --location             Follow redirects
     --max-redirs <num>     Maximum number of redirects allowed
 -m, --max-time <seconds>   Maximum time allowed for transfer
 -o, --output <file>        Write to file instead of stdout
 -O, --remote-name          Write output to a file named as the remote file
 -S, --show-error           Show error even when -s is used
 -s, --silent               Silent mode
 -u, --user <user:password> Server user and password
 -A, --user-agent <name>    Send User-Agent <name> to server
 -v, --verbose              Make the operation more talkative
 -w, --write-out <format>   Use output FORMAT after completion
 -X, --request <method>     Specify request method to use
`;

const SPEC: OptionSpec = {
  data: { short: "d", long: ["data", "data-ascii"], arg: "required" },
  dataRaw: { long: "data-raw", arg: "required" },
  dataBinary: { long: "data-binary", arg: "required" },
  dataUrlencode: { long: "data-urlencode", arg: "required" },
  json: { long: "json", arg: "required" },
  fail: { short: "f", long: "fail" },
  failWithBody: { long: "fail-with-body" },
  get: { short: "G", long: "get" },
  header: { short: "H", long: "header", arg: "required" },
  head: { short: "I", long: "head" },
  include: { short: "i", long: "include" },
  location: { short: "L", long: "location" },
  maxRedirs: { long: "max-redirs", arg: "required" },
  maxTime: { short: "m", long: "max-time", arg: "required" },
  connectTimeout: { long: "connect-timeout", arg: "required" },
  output: { short: "o", long: "output", arg: "required" },
  remoteName: { short: "O", long: "remote-name" },
  showError: { short: "S", long: "show-error" },
  silent: { short: "s", long: "silent" },
  userAgent: { short: "A", long: "user-agent", arg: "required" },
  user: { short: "u", long: "user", arg: "required" },
  verbose: { short: "v", long: "verbose" },
  writeOut: { short: "w", long: "write-out", arg: "required" },
  request: { short: "X", long: "request", arg: "required" },
  url: { long: "url", arg: "required" },
  insecure: { short: "k", long: "insecure" },
  compressed: { long: "compressed" },
  noProgress: { long: "no-progress-meter" },
};

class CurlExit extends Error {
  constructor(readonly status: number) {
    super(`curl exit ${status}`);
  }
}

async function run(ctx: CommandContext): Promise<number> {
  const policy = networkOf(ctx);
  const opts = parseOptions(ctx, SPEC, {
    help: HELP,
    version: "curl 7.88.1 (x86_64-pc-linux-gnu) libcurl/7.88.1\nProtocols: http https\n",
    report: (message) => {
      ctx.stderr.write(`curl: ${curlUsageMessage(message)}\ncurl: try 'curl --help' or 'curl --manual' for more information\n`);
      return 2;
    },
  });
  if (typeof opts === "number") return opts;
  const urls = [...opts.all("url"), ...opts.operands];
  const quiet = opts.has("silent") && !opts.has("showError");
  const fail = (status: number, message: string): never => {
    if (!quiet) ctx.stderr.write(`curl: (${status}) ${message}\n`);
    throw new CurlExit(status);
  };
  if (urls.length === 0) {
    ctx.stderr.write("curl: no URL specified!\ncurl: try 'curl --help' or 'curl --manual' for more information\n");
    return 2;
  }
  if (!policy) return fail(7, "network access is disabled in this sandbox");
  let status = 0;
  const outputs = opts.order.filter((o) => o.key === "output" || o.key === "remoteName");
  for (let i = 0; i < urls.length; i++) {
    try {
      await fetchOne(ctx, opts, urls[i], outputs[i], fail);
    } catch (e) {
      if (e instanceof CurlExit) status = e.status;
      else throw e;
    }
  }
  return status;
}

/** One URL: build the request, run it, write headers/body/-w output. */
async function fetchOne(
  ctx: CommandContext,
  opts: ParsedOptions,
  text: string,
  output: { key: string; value: string | true } | undefined,
  fail: (status: number, message: string) => never,
): Promise<void> {
  const policy = networkOf(ctx)!;
  const scheme = schemeOf(text).toLowerCase();
  if (scheme && scheme !== "http" && scheme !== "https") fail(1, `Protocol "${schemeOf(text)}" not supported or disabled in libcurl`);
  let url = parseUrl(text);
  if (!url || !url.hostname) return fail(3, "URL using bad/illegal format or missing URL");
  const data = await requestBody(ctx, opts);
  const headers: Array<[string, string]> = [["User-Agent", opts.get("userAgent") ?? "curl/7.88.1"], ["Accept", "*/*"]];
  let method = opts.has("head") ? "HEAD" : "GET";
  if (data !== null && !opts.has("get")) {
    method = "POST";
    headers.push(["Content-Type", opts.has("json") ? "application/json" : "application/x-www-form-urlencoded"]);
    if (opts.has("json")) headers[1] = ["Accept", "application/json"];
  } else if (data !== null) {
    url = new URL(url.href);
    url.search = url.search ? `${url.search}&${decodeUtf8(data)}` : `?${decodeUtf8(data)}`;
  }
  const user = opts.get("user");
  if (user !== undefined) headers.unshift(["Authorization", `Basic ${base64(encodeUtf8(user.includes(":") ? user : `${user}:`))}`]);
  for (const h of opts.all("header")) applyHeader(headers, h);
  const explicit = opts.get("request");
  if (explicit) method = explicit;
  const verbose = opts.has("verbose");
  let result: TransferResult;
  try {
    result = await transfer(policy, ctx.budget, ctx.signal, {
      url,
      method,
      headers,
      body: data !== null && !opts.has("get") ? data : undefined,
      follow: opts.has("location"),
      maxRedirects: redirectLimit(policy, opts.get("maxRedirs"), 50),
      maxTimeMs: timeLimitMs(opts.get("maxTime")),
      onRequest: verbose ? (u, m, shown) => ctx.stderr.write(verboseRequest(u, m, shown)) : undefined,
    });
  } catch (e) {
    if (!(e instanceof TransferError)) throw e;
    if (opts.has("include") || opts.has("head")) for (const hop of e.hops) await ctx.stdout.write(headerBlock(hop));
    const where = `${e.url.hostname} port ${e.url.port || (e.url.protocol === "https:" ? 443 : 80)}`;
    switch (e.kind) {
      case "denied":
        return fail(7, `Failed to connect to ${where}: blocked by the sandbox network policy (${e.message})`);
      case "connect":
        return fail(7, `Failed to connect to ${where} after 0 ms: Couldn't connect to server`);
      case "timeout":
        return fail(28, `${e.message} with 0 bytes received`);
      case "redirects":
        return fail(47, e.message);
      case "too-large":
        return fail(63, e.message);
    }
  }
  const last = result.hops[result.hops.length - 1];
  if (verbose) for (const hop of result.hops) ctx.stderr.write(verboseResponse(hop));
  const failed = last.status >= 400 && (opts.has("fail") || opts.has("failWithBody"));
  const parts: Uint8Array[] = [];
  if (opts.has("include") || opts.has("head")) for (const hop of result.hops) parts.push(encodeUtf8(headerBlock(hop)));
  if (!failed || opts.has("failWithBody")) parts.push(result.body);
  if (!(failed && !opts.has("failWithBody"))) await writeOutput(ctx, output, last, parts, fail);
  const writeOut = opts.get("writeOut");
  if (writeOut !== undefined) await ctx.stdout.write(formatWriteOut(writeOut, result, method));
  if (failed) fail(22, `The requested URL returned error: ${last.status}`);
}

async function writeOutput(
  ctx: CommandContext,
  output: { key: string; value: string | true } | undefined,
  last: Hop,
  parts: Uint8Array[],
  fail: (status: number, message: string) => never,
): Promise<void> {
  if (!output) {
    for (const p of parts) if (p.length) await ctx.stdout.write(p);
    return;
  }
  const name = output.key === "remoteName" ? remoteName(last.url) : String(output.value);
  if (name === "") fail(23, "Remote file name has no length!");
  if (name === "-") {
    for (const p of parts) if (p.length) await ctx.stdout.write(p);
    return;
  }
  const all = concatBytes(parts);
  try {
    await ctx.fs.writeFile(ctx.resolve(name), all);
  } catch (e) {
    if (!isFsError(e)) throw e;
    ctx.stderr.write(`Warning: Failed to open the file ${name}: ${e.message}\n`);
    fail(23, "Failure writing output to destination");
  }
}

/** The body from -d/--data-raw/--data-binary/--data-urlencode/--json, joined by "&" as curl does (null: none). */
async function requestBody(ctx: CommandContext, opts: ParsedOptions): Promise<Uint8Array | null> {
  const pieces: Uint8Array[] = [];
  const max = ctx.budget.limits.maxStringLength;
  for (const { key, value } of opts.order) {
    if (key !== "data" && key !== "dataRaw" && key !== "dataBinary" && key !== "dataUrlencode" && key !== "json") continue;
    const v = String(value);
    if (key === "dataRaw" || key === "dataUrlencode" || !v.startsWith("@")) {
      pieces.push(encodeUtf8(key === "dataUrlencode" ? urlencodeField(v) : v));
      continue;
    }
    const file = v.slice(1);
    try {
      const bytes = await readUpload(ctx, file, max);
      // -d @file drops carriage returns and newlines; --data-binary keeps every byte.
      pieces.push(key === "data" ? bytes.filter((b) => b !== 10 && b !== 13) : bytes);
    } catch (e) {
      if (e instanceof LimitExceeded || !isFsError(e)) throw e;
      ctx.stderr.write(`Warning: Couldn't read data from file "${file}", this makes an empty POST.\n`);
      pieces.push(new Uint8Array(0));
    }
  }
  if (pieces.length === 0) return null;
  const sep = opts.has("json") ? 0 : 1;
  let total = 0;
  for (const p of pieces) total += p.length;
  const out = new Uint8Array(total + sep * (pieces.length - 1));
  let o = 0;
  pieces.forEach((p, i) => {
    if (i > 0 && sep) out[o++] = 38; // &
    out.set(p, o);
    o += p.length;
  });
  return out;
}

function urlencodeField(v: string): string {
  const eq = v.indexOf("=");
  const enc = (s: string) => encodeURIComponent(s).replace(/%20/g, "+");
  if (eq < 0) return enc(v);
  if (eq === 0) return enc(v.slice(1));
  return `${v.slice(0, eq)}=${enc(v.slice(eq + 1))}`;
}

function base64(bytes: Uint8Array): string {
  let bin = "";
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin);
}

/** -H "Name: value" sets, "Name:" removes, "Name;" sends an empty value. */
function applyHeader(headers: Array<[string, string]>, h: string): void {
  const colon = h.indexOf(":");
  const semi = h.indexOf(";");
  let name: string;
  let value: string | null;
  if (colon > 0) {
    name = h.slice(0, colon).trim();
    value = h.slice(colon + 1).trim();
    if (value === "") value = null;
  } else if (semi > 0 && h.slice(semi + 1).trim() === "") {
    name = h.slice(0, semi).trim();
    value = "";
  } else return;
  for (let i = headers.length - 1; i >= 0; i--) if (headers[i][0].toLowerCase() === name.toLowerCase()) headers.splice(i, 1);
  if (value !== null) headers.push([name, value]);
}

function headerBlock(hop: Hop): string {
  let s = `HTTP/1.1 ${hop.status}${hop.statusText ? " " + hop.statusText : ""}\r\n`;
  for (const [k, v] of hop.headers) s += `${k}: ${v}\r\n`;
  return s + "\r\n";
}

function verboseRequest(url: URL, method: string, shown: Array<[string, string]>): string {
  let s = `> ${method} ${url.pathname}${url.search} HTTP/1.1\r\n> Host: ${url.host}\r\n`;
  for (const [k, v] of shown) s += `> ${k}: ${v}\r\n`;
  return s + "> \r\n";
}

function verboseResponse(hop: Hop): string {
  let s = `< HTTP/1.1 ${hop.status}${hop.statusText ? " " + hop.statusText : ""}\r\n`;
  for (const [k, v] of hop.headers) s += `< ${k}: ${v}\r\n`;
  return s + "< \r\n";
}

/** curl's wording for the option parser's usage errors. */
function curlUsageMessage(message: string): string {
  let m = /requires an argument -- '(.)'/.exec(message);
  if (m) return `option -${m[1]}: requires parameter`;
  m = /option '(--[^'=]+)(=[^']*)?' requires an argument/.exec(message);
  if (m) return `option ${m[1]}: requires parameter`;
  m = /invalid option -- '(.)'/.exec(message);
  if (m) return `option -${m[1]}: is unknown`;
  m = /option '(--[^'=]+)/.exec(message);
  if (m) return `option ${m[1]}: is unknown`;
  return message;
}

export const curl: CommandDef = { name: "curl", help: HELP, run };
