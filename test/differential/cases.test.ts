/** The case-file format (README.md here) as the recorder and the suite read it. */
import { describe, expect, it } from "vitest";
import { CaseFileError, parseCases, parseKnownDifferences } from "./cases.js";

describe("parseCases", () => {
  it("reads scripts, files, stdin and the stderr flag", () => {
    const text = [
      "header text",
      "## case: one",
      "echo a",
      "echo b",
      "",
      "## case: two",
      "## stderr",
      "cat f - g",
      "## file: f",
      "x",
      "## file-nonl: /tmp/g",
      "y",
      "## stdin",
      "in",
      "",
    ].join("\n");
    const [one, two] = parseCases("t", text);
    expect(one).toMatchObject({ name: "one", script: "echo a\necho b", exactStderr: false });
    expect(one.stdin).toBeUndefined();
    expect(two.exactStderr).toBe(true);
    expect(two.script).toBe("cat f - g");
    expect([...two.files]).toEqual([
      ["/home/user/f", "x\n"],
      ["/tmp/g", "y"],
    ]);
    expect(two.stdin).toBe("in\n");
  });

  it("keeps trailing blank lines only before `## end`", () => {
    const text = "## case: c\ncat\n## stdin\na\n\n## end\n\n## case: d\ncat\n## file: f\nz\n\n\n";
    const [c, d] = parseCases("t", text);
    expect(c.stdin).toBe("a\n\n");
    expect(d.files.get("/home/user/f")).toBe("z\n");
  });

  it("appends `## script` lines to the script and allows an empty nonl file", () => {
    const [c] = parseCases("t", "## case: c\necho 1\n## file-nonl: e\n## script\necho 2\n");
    expect(c.script).toBe("echo 1\necho 2");
    expect(c.files.get("/home/user/e")).toBe("");
  });

  it("rejects duplicates, unknown directives, stray text and bad paths", () => {
    const bad = [
      "## case: a\ntrue\n## case: a\ntrue\n",
      "## case: a\ntrue\n## nosuch\n",
      "## case: a\ncat\n## stdin\nx\n## end\nstray\n",
      "## case: a\ntrue\n## file: /etc/passwd\nx\n",
      "## case: a\n## file: f\nx\n",
    ];
    for (const text of bad) expect(() => parseCases("t", text)).toThrow(CaseFileError);
  });
});

describe("parseKnownDifferences", () => {
  it("splits feature, name and reason and skips comments", () => {
    const list = parseKnownDifferences("# c\n\nfoundation: echo -e  # not yet: \\0\nx: y\n");
    expect(list).toEqual([
      { feature: "foundation", name: "echo -e", reason: "not yet: \\0", line: 3 },
      { feature: "x", name: "y", reason: "", line: 4 },
    ]);
  });
});
