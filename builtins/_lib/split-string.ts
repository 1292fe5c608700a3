/**
 * env -S: splits one string into arguments the way GNU env's split_string
 * does (shebang lines): blanks separate, '...' and "..." quote, backslash
 * escapes (\_ is a separator outside double quotes and a space inside),
 * ${NAME} expands from the environment, # at a word's start begins a
 * comment, \c ends the string. Returns the words, or GNU's error message.
 */
export function splitString(s: string, env: ReadonlyMap<string, string>): string[] | string {
  const words: string[] = [];
  let word: string | null = null;
  let quote: "" | "'" | '"' = "";
  const add = (t: string) => {
    word = (word ?? "") + t;
  };
  const flush = () => {
    if (word !== null) words.push(word);
    word = null;
  };
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (quote === "'") {
      if (c === "'") quote = "";
      else if (c === "\\" && (s[i + 1] === "\\" || s[i + 1] === "'")) add(s[++i]);
      else add(c);
      continue;
    }
    if (c === "'" || c === '"') {
      if (quote === c) quote = "";
      else if (quote === "") {
        quote = c;
        add("");
      } else add(c);
      continue;
    }
    if (quote === "" && " \t\n\v\f\r".includes(c)) {
      flush();
      continue;
    }
    if (c === "#" && quote === "" && word === null) break;
    if (c === "\\") {
      const n = s[i + 1];
      if (n === undefined) return "invalid backslash at end of string in -S";
      i++;
      if (n === "c") {
        if (quote) return "'\\c' must not appear in double-quoted -S string";
        flush();
        return words;
      }
      if (n === "_") {
        if (quote) add(" ");
        else flush();
        continue;
      }
      const simple: Record<string, string> = { f: "\f", n: "\n", r: "\r", t: "\t", v: "\v", "#": "#", $: "$", "\\": "\\", '"': '"', "'": "'" };
      if (!Object.hasOwn(simple, n)) return `invalid sequence '\\${n}' in -S`;
      add(simple[n]);
      continue;
    }
    if (c === "$") {
      const m = /^\$\{([A-Za-z_][A-Za-z0-9_]*)\}/.exec(s.slice(i));
      if (!m) return `only \${VARNAME} expansion is supported, error at: ${s.slice(i)}`;
      add(env.get(m[1]) ?? "");
      i += m[0].length - 1;
      continue;
    }
    add(c);
  }
  if (quote) return "no terminating quote in -S string";
  flush();
  return words;
}
