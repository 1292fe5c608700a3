import { encodeUtf8 } from "../../src/io/utf8.js";

/**
 * The `l` command's unambiguous form (GNU sed in C.UTF-8): \\ \a \b \f \n
 * \r \t \v, every other non-printable or non-ASCII byte as \ooo, lines folded
 * at `width` characters with a trailing "\" (0: no folding), and "$" and the
 * line delimiter at the end.
 */
export function escapeForL(text: string, width: number, end = "\n"): string {
  const bytes = encodeUtf8(text);
  const names: Record<number, string> = { 92: "\\\\", 7: "\\a", 8: "\\b", 12: "\\f", 10: "\\n", 13: "\\r", 9: "\\t", 11: "\\v" };
  let out = "";
  let col = 0;
  for (const b of bytes) {
    const piece = names[b] ?? (b >= 32 && b < 127 ? String.fromCharCode(b) : "\\" + b.toString(8).padStart(3, "0"));
    if (width > 0 && col + piece.length > width - 1) {
      out += "\\\n";
      col = 0;
    }
    out += piece;
    col += piece.length;
  }
  return out + "$" + end;
}
