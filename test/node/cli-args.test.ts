/** The CLI's argument parsing, REPL helpers (no process spawned). */
import { describe, expect, it } from "vitest";
import { UsageError, parseCliArgs } from "../../src/node/args.js";
import { isIncomplete, promptFor } from "../../src/node/repl.js";

describe("parseCliArgs", () => {
  it("takes -c SCRIPT NAME ARGS", () => {
    expect(parseCliArgs(["-c", "echo $1", "me", "a", "b"])).toMatchObject({
      command: "echo $1",
      name: "me",
      args: ["a", "b"],
    });
  });

  it("takes FILE ARGS and stops options at the first operand", () => {
    expect(parseCliArgs(["--json", "run.sh", "--json", "-c"])).toMatchObject({
      file: "run.sh",
      name: "run.sh",
      args: ["--json", "-c"],
      json: true,
    });
  });

  it("reads --root DIR and --root=DIR, --demo, --", () => {
    expect(parseCliArgs(["--root", "d"]).root).toBe("d");
    expect(parseCliArgs(["--root=e", "--", "-x.sh"])).toMatchObject({ root: "e", file: "-x.sh" });
    expect(parseCliArgs(["--demo"]).demo).toBe(true);
  });

  it("rejects unknown options and missing option arguments", () => {
    expect(() => parseCliArgs(["-x"])).toThrow(UsageError);
    expect(() => parseCliArgs(["-c"])).toThrow(UsageError);
    expect(() => parseCliArgs(["--root"])).toThrow(UsageError);
  });
});

describe("REPL helpers", () => {
  it("shows the cwd with ~ for home", () => {
    expect(promptFor("/home/user")).toBe("user@sandbox:~$ ");
    expect(promptFor("/home/user/src")).toBe("user@sandbox:~/src$ ");
    expect(promptFor("/tmp")).toBe("user@sandbox:/tmp$ ");
  });

  it("asks for more input only when the parser says the input is incomplete", () => {
    expect(isIncomplete("if true; then")).toBe(true);
    expect(isIncomplete("echo 'open")).toBe(true);
    expect(isIncomplete("echo a |")).toBe(true);
    expect(isIncomplete("echo done")).toBe(false);
    expect(isIncomplete("fi")).toBe(false); // a syntax error, not more input
  });
});
