/**
 * The names of every built-in utility, by the group file that defines it. `new Bash()`
 * registers these names without loading any command code; a group's module is imported
 * the first time one of its commands runs (builtins/index.ts). Keep this in step with
 * the `commands` arrays under builtins/groups/: test/builtins/manifest.test.ts fails,
 * naming the difference, when a command is added to a group but not here (or the reverse).
 */
export const COMMAND_GROUPS = {
  text1: ["basename", "cat", "dirname", "expand", "fmt", "fold", "head", "nl", "pr", "printf", "rev", "seq", "tac", "tail", "tee", "unexpand", "wc", "yes"],
  text2: ["sort", "uniq", "cut", "tr", "paste", "comm", "join", "column", "shuf", "tsort"],
  "grep-sed": ["grep", "egrep", "fgrep", "sed"],
  awk: ["awk", "gawk"],
  files: [
    "ls", "find", "cp", "mv", "rm", "mkdir", "rmdir", "touch", "ln", "chmod", "chown", "chgrp", "readlink", "realpath",
    "stat", "du", "sync", "pathchk", "truncate", "install", "split", "tree", "file", "df",
  ],
  jq: ["jq"],
  system: ["clear", "date", "env", "expr", "groups", "hostname", "id", "mktemp", "nproc", "printenv", "sleep", "timeout", "tty", "uname", "which", "whoami", "xargs"],
  network: ["curl", "wget"],
  data: ["od", "base64", "base32", "md5sum", "sha1sum", "sha224sum", "sha256sum", "sha384sum", "sha512sum", "cksum", "b2sum", "sum", "xxd", "hexdump", "strings", "diff", "cmp", "patch", "bc", "factor", "numfmt", "iconv"],
  archive: ["gzip", "gunzip", "zcat", "dd", "tar", "csplit", "zip", "unzip"],
} as const satisfies Record<string, readonly string[]>;

export type GroupName = keyof typeof COMMAND_GROUPS;
