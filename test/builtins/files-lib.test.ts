import { describe, expect, it } from "vitest";
import { applyMode, compileMode, modeString } from "../../builtins/_lib/mode.js";
import { humanSize } from "../../builtins/_lib/human.js";
import { localTime, strftime } from "../../builtins/_lib/time.js";
import { parseDate, parseTouchStamp } from "../../builtins/_lib/parse-date.js";
import { emacsToEre, compileFnmatch, compileFindRegex } from "../../builtins/_lib/file-patterns.js";

// Expected values were produced by GNU coreutils 9.1 (chmod + stat -c %a, ls -l --si / -lh)
// and GNU date 9.1 on this machine, with umask 022 and TZ=UTC.

describe("chmod modes (gnulib modechange)", () => {
  // [mode, file 0644 ->, directory 02755 ->]
  const table: Array<[string, number, number]> = [
    ["755", 0o755, 0o2755],
    ["u+x", 0o744, 0o2755],
    ["g-r", 0o604, 0o2715],
    ["o=rwx", 0o647, 0o2757],
    ["a+X", 0o644, 0o2755],
    ["u=rw,go=", 0o600, 0o2600],
    ["+t", 0o1644, 0o3755],
    ["g+s", 0o2644, 0o2755],
    ["u-s", 0o644, 0o2755],
    ["=r", 0o444, 0o2444],
    ["a=rwx,g-w", 0o757, 0o2757],
    ["u=g", 0o444, 0o2555],
    ["o=u", 0o646, 0o2757],
    ["0", 0o0, 0o2000],
    ["7777", 0o7777, 0o7777],
    ["go+rX", 0o644, 0o2755],
    ["=", 0o0, 0o2000],
    ["a-x,u+x", 0o744, 0o2744],
    ["-w", 0o444, 0o2555],
    ["u+rwx,g+rx,o+r", 0o754, 0o2755],
    ["00755", 0o755, 0o755],
    ["g=o,u+t", 0o644, 0o2755],
  ];
  for (const [mode, file, dir] of table) {
    it(`chmod ${mode}`, () => {
      const c = compileMode(mode)!;
      expect(c).not.toBeNull();
      expect(applyMode(0o644, false, 0o022, c).toString(8)).toBe(file.toString(8));
      expect(applyMode(0o2755, true, 0o022, c).toString(8)).toBe(dir.toString(8));
    });
  }
  it("rejects invalid modes", () => {
    for (const bad of ["999", "u+q", "x", "u", "a=r,", "17777", "u=7"]) expect(compileMode(bad)).toBeNull();
  });
  it("formats set-id and sticky bits as ls does", () => {
    expect(modeString({ type: "file", mode: 0o4755 })).toBe("-rwsr-xr-x");
    expect(modeString({ type: "file", mode: 0o2644 })).toBe("-rw-r-Sr--");
    expect(modeString({ type: "directory", mode: 0o1777 })).toBe("drwxrwxrwt");
    expect(modeString({ type: "directory", mode: 0o1776 })).toBe("drwxrwxrwT");
  });
});

describe("human sizes (ls -lh / ls -l --si)", () => {
  const table: Array<[number, string, string]> = [
    [0, "0", "0"], [1, "1", "1"], [999, "999", "999"], [1000, "1.0k", "1000"], [1001, "1.1k", "1001"],
    [1023, "1.1k", "1023"], [1024, "1.1k", "1.0K"], [1025, "1.1k", "1.1K"], [1536, "1.6k", "1.5K"],
    [10239, "11k", "10K"], [10240, "11k", "10K"], [10241, "11k", "11K"], [1048000, "1.1M", "1.0M"],
    [1048576, "1.1M", "1.0M"], [123456789, "124M", "118M"], [1073741824, "1.1G", "1.0G"],
  ];
  for (const [n, si, iec] of table) {
    it(`${n} bytes`, () => {
      expect(humanSize(n, true)).toBe(si);
      expect(humanSize(n, false)).toBe(iec);
    });
  }
});

describe("strftime and zones", () => {
  it("formats like date in UTC", () => {
    const t = localTime(Date.UTC(2020, 0, 2, 3, 4, 5, 500), "UTC");
    expect(strftime("%Y-%m-%d %H:%M:%S.%N %z|%a %b %e|%j|%U %W %V %G|%s|%I %p|%3N|%-d|%_H", t)).toBe(
      "2020-01-02 03:04:05.500000000 +0000|Thu Jan  2|002|00 00 01 2020|1577934245|03 AM|500|2| 3",
    );
  });
  it("applies an IANA zone offset", () => {
    const t = localTime(Date.UTC(2021, 6, 1, 12, 0, 0), "Europe/Berlin");
    expect(strftime("%H:%M %z", t)).toBe("14:00 +0200");
  });
});

describe("date strings (parse_datetime subset)", () => {
  const now = Date.UTC(2026, 10, 29, 11, 12, 41);
  const cases: Array<[string, string | null]> = [
    ["2020-01-02", "2020-01-02T00:00:00.000Z"],
    ["2020-01-02 03:04:05.5", "2020-01-02T03:04:05.500Z"],
    ["2020-01-02T03:04:05Z", "2020-01-02T03:04:05.000Z"],
    ["@1600000000", "2020-09-13T12:26:40.000Z"],
    ["2 days ago", "2026-11-27T11:12:41.000Z"],
    ["-90 seconds", "2026-11-29T11:11:11.000Z"],
    ["Jan 2 2020", "2020-01-02T00:00:00.000Z"],
    ["2 Jan 2020", "2020-01-02T00:00:00.000Z"],
    ["01/02/2020", "2020-01-02T00:00:00.000Z"],
    ["2020-01-02 03:04 +0100", "2020-01-02T02:04:00.000Z"],
    ["12:30", "2026-11-29T12:30:00.000Z"],
    ["3pm", "2026-11-29T15:00:00.000Z"],
    ["last year", "2025-11-29T11:12:41.000Z"],
    ["foo", null],
  ];
  for (const [text, iso] of cases) {
    it(text, () => {
      const ms = parseDate(text, now, "UTC");
      expect(ms === null ? null : new Date(ms).toISOString()).toBe(iso);
    });
  }
  it("touch -t stamps", () => {
    expect(new Date(parseTouchStamp("202001021304.05", now, "UTC")!).toISOString()).toBe("2020-01-02T13:04:05.000Z");
    expect(new Date(parseTouchStamp("9901021304", now, "UTC")!).toISOString()).toBe("1999-01-02T13:04:00.000Z");
    expect(parseTouchStamp("2020", now, "UTC")).toBeNull();
  });
});

describe("patterns", () => {
  it("fnmatch with FNM_PERIOD (ls -I)", () => {
    const m = compileFnmatch("*.o", { period: true });
    expect(m.test("a.o")).toBe(true);
    expect(m.test(".a.o")).toBe(false);
    expect(compileFnmatch(".*", { period: true }).test(".a")).toBe(true);
  });
  it("find's emacs syntax becomes ERE", () => {
    expect(emacsToEre("a\\(b\\|c\\)+d{2}")).toBe("a(b|c)+d\\{2\\}");
    expect(emacsToEre("*x^y$")).toBe("\\*x\\^y$");
    const re = compileFindRegex(".*/f[0-9]\\.txt", "emacs", false);
    expect(re.test("./a/f1.txt")).toBe(true);
    expect(re.test("./a/f1.txt.bak")).toBe(false);
  });
});
