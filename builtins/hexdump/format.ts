/**
 * hexdump's format language (util-linux 2.38): each -e string is a format
 * (FS) of format units `[reps][/bytes] "text %conv ..."`; each unit splits
 * into printing pieces (PR), one conversion each with the text before it,
 * text after the last conversion being a piece of its own. Parsing and the
 * rewrite step follow util-linux's add_fmt, block_size and rewrite.
 */

export type PieceKind = "address" | "text" | "char" | "int" | "uint" | "double" | "string" | "c" | "p" | "u";

export interface Piece {
  kind: PieceKind;
  /** Literal text printed before the conversion (all of it for "text"). */
  text: string;
  /** The conversion spec without its conversion letter: "%", flags, width, precision ("%07.7"). */
  spec: string;
  /** The printf conversion letter (d o x X u i c s e f g ...). */
  conv: string;
  /** Input bytes used. */
  bytes: number;
}

export interface Unit {
  reps: number;
  repsSet: boolean;
  bytes: number;
  /** The unit holds %_A: printed once at the end instead. */
  endOnly: boolean;
  pieces: Piece[];
  /** The last piece drops its final whitespace character on the last repetition. */
  noSpace: boolean;
  raw: string;
}

export interface FormatSet {
  units: Unit[];
  bytes: number;
}

/** A format error with util-linux's message. */
export class FormatError extends Error {}

/** C escapes in a format string (util-linux escape()). */
function unescape(s: string): string {
  return s.replace(/\\(.?)/gs, (_, c: string) => {
    switch (c) {
      case "": return "\\";
      case "a": return "\x07";
      case "b": return "\b";
      case "f": return "\f";
      case "n": return "\n";
      case "r": return "\r";
      case "t": return "\t";
      case "v": return "\v";
      default: return c;
    }
  });
}

const isSpace = (c: string | undefined) => c !== undefined && " \t\n\v\f\r".includes(c);
const isDigit = (c: string | undefined) => c !== undefined && c >= "0" && c <= "9";

/** add_fmt: one -e string into its units. */
export function parseFormat(fmt: string): FormatSet {
  const units: Unit[] = [];
  const bad = () => new FormatError(`bad format {${fmt}}`);
  let p = 0;
  const skipSpace = () => {
    while (isSpace(fmt[p])) p++;
  };
  for (;;) {
    skipSpace();
    if (p >= fmt.length) break;
    const unit: Unit = { reps: 1, repsSet: false, bytes: 0, endOnly: false, pieces: [], noSpace: false, raw: "" };
    units.push(unit);
    if (isDigit(fmt[p])) {
      const start = p;
      while (isDigit(fmt[p])) p++;
      if (!isSpace(fmt[p]) && fmt[p] !== "/") throw bad();
      unit.reps = Number(fmt.slice(start, p));
      unit.repsSet = true;
      p++;
      skipSpace();
    }
    if (fmt[p] === "/") {
      p++;
      skipSpace();
    }
    if (isDigit(fmt[p])) {
      const start = p;
      while (isDigit(fmt[p])) p++;
      if (!isSpace(fmt[p])) throw bad();
      unit.bytes = Number(fmt.slice(start, p));
      p++;
      skipSpace();
    }
    if (fmt[p] !== '"') throw bad();
    const start = ++p;
    while (fmt[p] !== '"') if (p++ >= fmt.length) throw bad();
    unit.raw = unescape(fmt.slice(start, p));
    p++;
  }
  return { units, bytes: blockSize(units) };
}

const FLAG_CHARS = "#-+ 0123456789";

/** block_size: the bytes one pass over the units consumes. */
function blockSize(units: Unit[]): number {
  let size = 0;
  for (const u of units) {
    if (u.bytes) {
      size += u.bytes * u.reps;
      continue;
    }
    let bcnt = 0;
    const f = u.raw;
    for (let i = 0; i < f.length; i++) {
      if (f[i] !== "%") continue;
      let prec = 0;
      while (i + 1 < f.length && FLAG_CHARS.includes(f[i + 1])) i++;
      i++;
      if (f[i] === "." && isDigit(f[i + 1])) {
        const m = /^\d+/.exec(f.slice(i + 1))!;
        prec = Number(m[0]);
        i += 1 + m[0].length;
      }
      const c = f[i];
      if (c === undefined) break;
      if (c === "c") bcnt += 1;
      else if ("dioux".includes(c) || c === "X") bcnt += 4;
      else if ("eEfgG".includes(c)) bcnt += 8;
      else if (c === "s") bcnt += prec;
      else if (c === "_" && "cpu".includes(f[i + 1] ?? "")) {
        bcnt += 1;
        i++;
      }
    }
    size += bcnt * u.reps;
  }
  return size;
}

/** rewrite: splits every unit into pieces, checks conversions, extends the last unit's repetitions. */
export function rewrite(fs: FormatSet, blocksize: number): void {
  for (const u of fs.units) {
    u.pieces = splitPieces(u);
    if (!u.bytes) u.bytes = u.pieces.reduce((n, p) => n + p.bytes, 0);
  }
  fs.units.forEach((u, i) => {
    if (i === fs.units.length - 1 && fs.bytes < blocksize && !u.repsSet && u.bytes) {
      u.reps += Math.floor((blocksize - fs.bytes) / u.bytes);
    }
    if (u.reps > 1 && u.pieces.length) {
      const last = u.pieces[u.pieces.length - 1];
      const full = last.text + (last.kind === "text" ? "" : last.spec + last.conv);
      u.noSpace = isSpace(full[full.length - 1]);
    }
  });
}

function splitPieces(u: Unit): Piece[] {
  const pieces: Piece[] = [];
  const f = u.raw;
  let conversions = 0;
  let i = 0;
  while (i < f.length) {
    const pct = f.indexOf("%", i);
    if (pct < 0) {
      pieces.push({ kind: "text", text: f.slice(i), spec: "", conv: "", bytes: 0 });
      break;
    }
    const text = f.slice(i, pct);
    let j = pct + 1;
    let prec: number | null = null;
    while (j < f.length && FLAG_CHARS.includes(f[j])) j++;
    if (!u.bytes && f[j] === "." && isDigit(f[j + 1])) {
      const m = /^\d+/.exec(f.slice(j + 1))!;
      prec = Number(m[0]);
      j += 1 + m[0].length;
    } else if (u.bytes && f[j] === ".") {
      j++;
      while (isDigit(f[j])) j++;
    }
    const spec = f.slice(pct, j);
    const c = f[j] ?? "";
    const piece: Piece = { kind: "text", text, spec, conv: c, bytes: 0 };
    const badCount = (conv: string) => new FormatError(`bad byte count for conversion character ${conv}`);
    const intBytes = () => {
      if (u.bytes === 0 || u.bytes === 4) return 4;
      if (u.bytes === 1 || u.bytes === 2 || u.bytes === 8) return u.bytes;
      throw badCount(c);
    };
    let end = j + 1;
    if (c === "c") {
      piece.kind = "char";
      if (u.bytes > 1) throw badCount(c);
      piece.bytes = 1;
    } else if (c === "d" || c === "i") {
      piece.kind = "int";
      piece.bytes = intBytes();
    } else if ("ouxX".includes(c) && c !== "") {
      piece.kind = "uint";
      piece.bytes = intBytes();
    } else if ("eEfgG".includes(c) && c !== "") {
      piece.kind = "double";
      if (u.bytes === 0 || u.bytes === 8) piece.bytes = 8;
      else if (u.bytes === 4) piece.bytes = 4;
      else throw badCount(c);
    } else if (c === "s") {
      piece.kind = "string";
      if (u.bytes) piece.bytes = u.bytes;
      else if (prec !== null) piece.bytes = prec;
      else throw new FormatError("%s: requires a precision or a byte count");
    } else if (c === "_") {
      const d = f[j + 1] ?? "";
      end = j + 2;
      if (d === "A" || d === "a") {
        if (d === "A") u.endOnly = true;
        piece.kind = "address";
        const base = f[j + 2] ?? "";
        if (!"dox".includes(base) || base === "") throw new FormatError(`bad conversion character %_${d}${base}`);
        piece.conv = base;
        end = j + 3;
      } else if (d === "c" || d === "p" || d === "u") {
        piece.kind = d;
        piece.conv = d;
        if (u.bytes > 1) throw badCount(`_${d}`);
        piece.bytes = 1;
      } else throw new FormatError(`bad conversion character %_${d}`);
    } else throw new FormatError(`bad conversion character %${c}`);
    if (piece.kind !== "address" && u.bytes && conversions++) {
      throw new FormatError("byte count with multiple conversion characters");
    }
    pieces.push(piece);
    i = end;
  }
  return pieces;
}
