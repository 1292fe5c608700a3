/**
 * Decodes the body of $'...' starting at `start` (just after the opening quote).
 * Returns the value and the offset after the closing quote (end -1: unterminated).
 * Escapes: \a \b \e \E \f \n \r \t \v \\ \' \" \? \nnn \xHH \uHHHH \UHHHHHHHH \cx.
 */
export function decodeAnsiC(src: string, start: number): { value: string; end: number } {
  let out = "";
  let i = start;
  while (i < src.length) {
    const c = src[i];
    if (c === "'") return { value: out, end: i + 1 };
    if (c !== "\\") {
      out += c;
      i++;
      continue;
    }
    const e = src[i + 1];
    i += 2;
    switch (e) {
      case "a": out += "\x07"; break;
      case "b": out += "\b"; break;
      case "e": case "E": out += "\x1b"; break;
      case "f": out += "\f"; break;
      case "n": out += "\n"; break;
      case "r": out += "\r"; break;
      case "t": out += "\t"; break;
      case "v": out += "\v"; break;
      case "\\": out += "\\"; break;
      case "'": out += "'"; break;
      case '"': out += '"'; break;
      case "?": out += "?"; break;
      case "x": {
        const m = /^[0-9a-fA-F]{1,2}/.exec(src.slice(i, i + 2));
        if (!m) { out += "\\x"; break; }
        out += byteChar(parseInt(m[0], 16));
        i += m[0].length;
        break;
      }
      case "u":
      case "U": {
        const m = (e === "u" ? /^[0-9a-fA-F]{1,4}/ : /^[0-9a-fA-F]{1,8}/).exec(src.slice(i, i + (e === "u" ? 4 : 8)));
        if (!m) { out += "\\" + e; break; }
        const cp = parseInt(m[0], 16);
        out += cp <= 0x10ffff ? String.fromCodePoint(cp) : "";
        i += m[0].length;
        break;
      }
      case "c": {
        const ch = src[i];
        if (ch === undefined) { out += "\\c"; break; }
        i++;
        if (ch === "\\" && src[i] === "\\") i++;
        // bash's TOCTRL: \c? is DEL.
        out += ch === "?" ? "\x7f" : String.fromCharCode(ch.toUpperCase().charCodeAt(0) & 0x1f);
        break;
      }
      case undefined:
        out += "\\";
        break;
      default:
        if (e >= "0" && e <= "7") {
          const m = /^[0-7]{1,3}/.exec(src.slice(i - 1, i + 2))!;
          out += byteChar(parseInt(m[0], 8) & 0xff);
          i += m[0].length - 1;
        } else {
          out += "\\" + e;
        }
    }
  }
  return { value: out, end: -1 };
}

/** A byte value as a character: ASCII as itself, 0x80-0xFF as an escaped raw byte (see io/utf8). */
export function byteChar(b: number): string {
  return b < 0x80 ? String.fromCharCode(b) : String.fromCharCode(0xdc00 | b);
}

/** $'...' with C escapes, as bash prints strings holding control characters (the way back of decodeAnsiC). */
export function ansiCQuote(s: string): string {
  let out = "$'";
  for (const ch of s) {
    const c = ch.charCodeAt(0);
    switch (ch) {
      case "\n": out += "\\n"; break;
      case "\t": out += "\\t"; break;
      case "\r": out += "\\r"; break;
      case "\x07": out += "\\a"; break;
      case "\b": out += "\\b"; break;
      case "\f": out += "\\f"; break;
      case "\v": out += "\\v"; break;
      case "\x1b": out += "\\E"; break;
      case "'": out += "\\'"; break;
      case "\\": out += "\\\\"; break;
      default:
        if (c < 0x20 || c === 0x7f) out += "\\" + c.toString(8).padStart(3, "0");
        else if (c >= 0xdc80 && c <= 0xdcff) out += "\\" + (c & 0xff).toString(8).padStart(3, "0");
        else out += ch;
    }
  }
  return out + "'";
}

// eslint-disable-next-line no-control-regex
const UNPRINTABLE = /[\x00-\x1f\x7f\udc80-\udcff]/;

/** bash's printable_filename: a name holding control characters or invalid bytes, as $'...' (else as is). */
export function printableName(s: string): string {
  return UNPRINTABLE.test(s) ? ansiCQuote(s) : s;
}
