import type { AssertKind, Node } from "./ast.js";
import { CLASS_SOURCE, cpSource, setSource, type NewlineMode } from "./charclass.js";
import { fixedWidth } from "./analyze.js";

/** How the tree is turned into V8 RegExp source. */
export interface EmitOptions {
  newline: NewlineMode;
  /** ^ and $ also match next to a newline (REG_NEWLINE, sed M, grep buffers). */
  multiline: boolean;
  /**
   * Put the branches of fixed-width alternations longest first, so V8's
   * leftmost-first choice is also the longest (not done when the pattern has
   * back-references, whose numbering must stay put).
   */
  longestFirst: boolean;
}

export interface EmittedRegex {
  source: string;
  /** groupMap[jsGroup] = our group number (they differ once branches are reordered). */
  groupMap: number[];
}

const W = `[${CLASS_SOURCE.word}]`;
const ASSERT_SOURCE: Record<AssertKind, string> = {
  bol: "^",
  eol: "$",
  bos: "(?<![^])",
  eos: "(?![^])",
  wstart: `(?<!${W})(?=${W})`,
  wend: `(?<=${W})(?!${W})`,
  wordb: `(?:(?<!${W})(?=${W})|(?<=${W})(?!${W}))`,
  nwordb: `(?:(?<=${W})(?=${W})|(?<!${W})(?!${W}))`,
  nwbefore: `(?<!${W})`,
  nwafter: `(?!${W})`,
};

/** Emits JS RegExp source (for the `u` flag) for a tree without glob complements. */
export function emitJs(node: Node, opts: EmitOptions): EmittedRegex {
  const groupMap: number[] = [0];
  const jsIndexOf = new Map<number, number>();
  const emit = (n: Node): string => {
    switch (n.t) {
      case "empty":
        return "(?:)";
      case "char":
        return /[\^$\\.*+?()[\]{}|/]/.test(String.fromCodePoint(n.c)) ? "\\" + String.fromCodePoint(n.c) : cpSource(n.c);
      case "set":
        return setSource(n, opts.newline);
      case "cat":
        return n.items.map(emit).join("");
      case "alt": {
        let alts = n.alts;
        if (opts.longestFirst) {
          const widths = alts.map(fixedWidth);
          if (widths.every((w) => w !== null)) {
            alts = alts.map((a, i) => [a, widths[i]!] as const).sort((x, y) => y[1] - x[1]).map(([a]) => a);
          }
        }
        return `(?:${alts.map(emit).join("|")})`;
      }
      case "rep": {
        const inner = atomic(n.node) ? emit(n.node) : `(?:${emit(n.node)})`;
        const q =
          n.max === Infinity
            ? n.min === 0 ? "*" : n.min === 1 ? "+" : `{${n.min},}`
            : n.min === 0 && n.max === 1 ? "?" : n.min === n.max ? `{${n.min}}` : `{${n.min},${n.max}}`;
        return inner + q + (n.lazy ? "?" : "");
      }
      case "group": {
        groupMap.push(n.index);
        jsIndexOf.set(n.index, groupMap.length - 1);
        return `(${emit(n.node)})`;
      }
      case "backref":
        return `\\${jsIndexOf.get(n.n) ?? n.n}`;
      case "assert":
        if (opts.multiline && n.kind === "bol") return "(?<![^\\n])";
        if (opts.multiline && n.kind === "eol") return "(?![^\\n])";
        return ASSERT_SOURCE[n.kind];
      case "not":
        throw new Error("glob complement has no RegExp form");
    }
  };
  return { source: emit(node), groupMap };
}

function atomic(n: Node): boolean {
  return n.t === "char" || n.t === "set" || n.t === "group";
}
