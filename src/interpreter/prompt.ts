import type { Shell } from "./shell.js";

/**
 * Prompt-string decoding for ${x@P}: bash's backslash escapes (\u \h \w \$ ...). A
 * non-interactive shell has no history or jobs, so \# \! \j are constants; date escapes stay literal.
 */
export function expandPrompt(sh: Shell, s: string, forExpansion = false): string {
  const info = sh.services.sandbox;
  let out = "";
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c !== "\\" || i + 1 >= s.length) {
      out += c;
      continue;
    }
    const e = s[++i];
    switch (e) {
      case "u": out += info.user; break;
      case "h": out += info.hostname.split(".")[0]; break;
      case "H": out += info.hostname; break;
      case "w": out += tildePwd(sh); break;
      case "W": {
        const p = tildePwd(sh);
        out += p === "/" || p === "~" ? p : p.slice(p.lastIndexOf("/") + 1);
        break;
      }
      // With promptvars the result is expanded next: \$ and \\ stay quoted for that pass (as bash).
      case "$": out += info.uid === 0 ? "#" : forExpansion ? "\\$" : "$"; break;
      case "\\": out += forExpansion ? "\\\\" : "\\"; break;
      case "a": out += "\x07"; break;
      case "e": out += "\x1b"; break;
      case "n": out += "\n"; break;
      case "r": out += "\r"; break;
      case "s": out += "bash"; break;
      case "v": out += "5.2"; break;
      case "V": out += "5.2.15"; break;
      case "#": out += "0"; break;
      case "!": out += "1"; break;
      case "j": out += "0"; break;
      case "l": out += "tty"; break;
      case "[": case "]": break;
      default:
        if (/[0-7]/.test(e)) {
          const m = /^[0-7]{1,3}/.exec(s.slice(i))![0];
          out += String.fromCharCode(parseInt(m, 8) & 0xff);
          i += m.length - 1;
        } else out += "\\" + e;
    }
  }
  return out;
}

function tildePwd(sh: Shell): string {
  const pwd = sh.get("PWD") ?? sh.cwd;
  const home = sh.get("HOME");
  if (home && home !== "/" && (pwd === home || pwd.startsWith(home + "/"))) return "~" + pwd.slice(home.length);
  return pwd;
}
