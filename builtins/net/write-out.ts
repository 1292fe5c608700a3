import type { TransferResult } from "../../src/network/transfer.js";
import { header } from "../../src/network/transfer.js";

/**
 * curl -w: %{variable}, %header{name}, %% and the backslash escapes \n \r \t \\.
 * Only values the script could see anyway are available (never injected headers).
 */
export function formatWriteOut(format: string, result: TransferResult, method: string): string {
  const hops = result.hops;
  const last = hops[hops.length - 1];
  const vars: Record<string, () => string> = {
    http_code: () => String(last.status).padStart(3, "0"),
    response_code: () => String(last.status).padStart(3, "0"),
    url_effective: () => last.url.href,
    url: () => hops[0].url.href,
    content_type: () => header(last.headers, "content-type") ?? "",
    size_download: () => String(result.body.length),
    num_redirects: () => String(hops.length - 1),
    redirect_url: () => {
      const loc = header(last.headers, "location");
      if (loc === undefined || last.status < 300 || last.status >= 400) return "";
      try {
        return new URL(loc, last.url).href;
      } catch {
        return "";
      }
    },
    method: () => last.method || method,
    scheme: () => last.url.protocol.slice(0, -1).toUpperCase(),
    exitcode: () => "0",
  };
  let out = "";
  for (let i = 0; i < format.length; i++) {
    const c = format[i];
    if (c === "\\" && i + 1 < format.length) {
      const n = format[i + 1];
      const esc: Record<string, string> = { n: "\n", r: "\r", t: "\t", "\\": "\\" };
      if (n in esc) {
        out += esc[n];
        i++;
        continue;
      }
    }
    if (c === "%") {
      if (format[i + 1] === "%") {
        out += "%";
        i++;
        continue;
      }
      const m = /^%\{([a-z_]+)\}|^%header\{([^}]*)\}/.exec(format.slice(i));
      if (m) {
        if (m[1] !== undefined) out += Object.hasOwn(vars, m[1]) ? vars[m[1]]() : "";
        else out += header(last.headers, m[2]) ?? "";
        i += m[0].length - 1;
        continue;
      }
    }
    out += c;
  }
  return out;
}
