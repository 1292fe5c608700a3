/**
 * sort --debug (coreutils 9.1 key_warnings, debug_line): warnings about the
 * keys on stderr, then each output line followed by one underline per key
 * (and one for the whole line when the last-resort comparison applies).
 */
import { decodeUtf8 } from "../../src/io/utf8.js";
import { charWidth } from "../_lib/width.js";
import { limField, begField } from "./compare.js";
import { isDefaultKey, optionLetters, SIZE_MAX, type KeyField } from "./keyspec.js";
import type { LineTable } from "./lines.js";
import { BLANK, generalEnd, monthEnd, numberEnd } from "./numeric.js";

const isNumericKey = (k: KeyField) => k.numeric || k.general || k.human;

export interface DebugSettings {
  keys: KeyField[];
  gkey: KeyField;
  /** The only key is the global options' one (no -k given). */
  gkeyOnly: boolean;
  tab: number;
  stableOrUnique: boolean;
}

/** The --debug warnings, each "sort: ..." line without the program name. */
export function debugWarnings(s: DebugSettings): string[] {
  const out = ["text ordering performed using \u2018C.UTF-8\u2019 sorting rules"];
  const ug: KeyField = { ...s.gkey };
  let basicNumeric = false;
  let generalNumeric = false;
  let basicSpan = false;
  let generalSpan = false;
  s.keys.forEach((key, i) => {
    const n = i + 1;
    if (isNumericKey(key)) {
      if (key.general) generalNumeric = true;
      else basicNumeric = true;
    }
    if (key.traditional) {
      const sword = key.sword === SIZE_MAX ? 0 : key.sword;
      let obuf = `+${sword}`;
      let nbuf = `-k ${sword + 1}`;
      if (key.eword !== SIZE_MAX) {
        obuf += ` -${key.eword + 1}`;
        nbuf += `,${key.eword + 1}`;
      }
      out.push(`obsolescent key \u2018${obuf}\u2019 used; consider \u2018${nbuf}\u2019 instead`);
    }
    const zeroWidth = key.sword !== SIZE_MAX && key.eword < key.sword;
    if (zeroWidth) out.push(`key ${n} has zero width and will be ignored`);
    const implicitSkip = isNumericKey(key) || key.month;
    const lineOffset = key.eword === 0 && key.echar !== 0;
    if (!zeroWidth && !s.gkeyOnly && s.tab < 0 && !lineOffset &&
        ((!key.skipsblanks && !implicitSkip) || (!key.skipsblanks && key.schar) || (!key.skipeblanks && key.echar))) {
      out.push(`leading blanks are significant in key ${n}; consider also specifying 'b'`);
    }
    if (!s.gkeyOnly && isNumericKey(key)) {
      const sword = key.sword === SIZE_MAX ? 1 : key.sword + 1;
      const eword = key.eword === SIZE_MAX ? 0 : key.eword + 1;
      if (!eword || sword < eword) {
        out.push(`key ${n} is numeric and spans multiple fields`);
        if (key.general) generalSpan = true;
        else basicSpan = true;
      }
    }
    if (ug.ignore && ug.ignore === key.ignore) ug.ignore = null;
    if (ug.translate && key.translate) ug.translate = false;
    ug.skipsblanks &&= !key.skipsblanks;
    ug.skipeblanks &&= !key.skipeblanks;
    ug.month &&= !key.month;
    ug.numeric &&= !key.numeric;
    ug.general &&= !key.general;
    ug.human &&= !key.human;
    ug.random &&= !key.random;
    ug.version &&= !key.version;
    ug.reverse &&= !key.reverse;
  });
  let warned = false;
  if (basicSpan || generalSpan) {
    if (s.tab === 0x2e) {
      out.push("field separator \u2018.\u2019 is treated as a decimal point in numbers");
      warned = true;
    } else if (s.tab === 0x2d) out.push("field separator \u2018-\u2019 is treated as a minus sign in numbers");
    else if (generalSpan && s.tab === 0x2b) out.push("field separator \u2018+\u2019 is treated as a plus sign in numbers");
  }
  if ((basicNumeric || generalNumeric) && !warned) {
    out.push(`${s.tab === 0x2e ? "" : "note "}numbers use \u2018.\u2019 as a decimal point in this locale`);
  }
  const hasKeys = s.keys.length > 0;
  if (!isDefaultKey(ug) || (ug.reverse && s.stableOrUnique && hasKeys)) {
    const letters = optionLetters({ ...ug, reverse: s.stableOrUnique ? ug.reverse : false });
    out.push(letters.length === 1 ? `option '-${letters}' is ignored` : `options '-${letters}' are ignored`);
  }
  if (ug.reverse && !s.stableOrUnique && hasKeys) out.push("option '-r' only applies to last-resort comparison");
  return out;
}

/** Columns taken by bytes [s, e) (mbsnwidth, invalid bytes one column each), plus one per tab. */
function debugWidth(d: Uint8Array, s: number, e: number): number {
  let w = 0;
  for (const ch of decodeUtf8(d.subarray(s, e))) {
    const c = ch.codePointAt(0)!;
    w += c >= 0xdc80 && c <= 0xdcff ? 1 : c === 9 ? 1 : charWidth(ch);
  }
  return w;
}

/** The underline of one key (null = whole line) of line i. */
function keyMark(lines: LineTable, i: number, key: KeyField | null, tab: number): string {
  const d = lines.data;
  const text = lines.starts[i];
  const e = lines.ends[i];
  let beg = text;
  let lim = e;
  if (key) {
    if (key.sword !== SIZE_MAX) beg = begField(d, text, e, key, tab);
    if (key.eword !== SIZE_MAX) lim = limField(d, text, e, key, tab);
    if ((key.skipsblanks && key.sword === SIZE_MAX) || key.month || isNumericKey(key)) {
      while (beg < lim && BLANK[d[beg]]) beg++;
      let tighter = beg;
      if (lim < beg) tighter = lim;
      else if (key.month) tighter = monthEnd(d, beg, lim);
      else if (key.general) tighter = generalEnd(d, beg, lim);
      else if (key.numeric || key.human) tighter = numberEnd(d, beg, lim, key.human);
      else tighter = lim;
      lim = tighter;
    }
  }
  const offset = debugWidth(d, text, beg);
  const width = lim > beg ? debugWidth(d, beg, lim) : 0;
  return " ".repeat(offset) + (width ? "_".repeat(width) : "^ no match for key") + "\n";
}

/** One output line in debug form: tabs shown as '>', then the underlines. */
export function debugLine(lines: LineTable, i: number, keys: KeyField[], tab: number, stableOrUnique: boolean): Uint8Array[] {
  const line = lines.data.slice(lines.starts[i], lines.ends[i] + 1);
  for (let k = 0; k < line.length - 1; k++) if (line[k] === 9) line[k] = 0x3e;
  line[line.length - 1] = 0x0a;
  let marks = "";
  for (const key of keys) marks += keyMark(lines, i, key, tab);
  if (keys.length === 0 || !stableOrUnique) marks += keyMark(lines, i, null, tab);
  return [line, new TextEncoder().encode(marks)];
}
