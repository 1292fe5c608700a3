import { describe, expect, it } from "vitest";
import { Bash, sh } from "../../src/index.js";

describe("sh tagged template", () => {
  it("passes every interpolated value through as one word, whatever it holds", async () => {
    const values = ["", "plain", "a b", "it's", "$(touch pwned)", "`id`", "a\nb", "tab\there", "*.ts", "~", "{a,b}", "!x", "#c", 'q"d', "back\\slash", "été", "a=b", "\x01ctl", "\udc80"];
    const bash = new Bash();
    for (const v of values) {
      const r = await bash.exec(sh`printf '<%s>' ${v}; ls pwned 2>/dev/null`);
      expect([v, r.stdout, r.exitCode]).toEqual([v, `<${v}>`, 2]);
    }
    const r = await bash.exec(sh`printf '<%s>' ${["p q", "", "r's"]}`);
    expect(r.stdout).toBe("<p q><><r's>");
  });

  it("quotes a value that looks like an assignment, so in command position it is the command", async () => {
    expect(sh`${"FOO=bar"} echo hi`).toBe("'FOO=bar' echo hi");
    const r = await new Bash().exec(sh`${"FOO=bar"} echo hi`);
    expect([r.stdout, r.exitCode]).toEqual(["", 127]);
  });

  it("leaves safe values unquoted", () => {
    expect(sh`grep -rn ${"needle"} ${"src/a-b_c.ts"}`).toBe("grep -rn needle src/a-b_c.ts");
  });
});
