/**
 * sandbash: run bash scripts in a simulated in-memory machine.
 *
 *   import { Bash, defineCommand, sh } from "sandbash";
 *   const bash = new Bash({ files: { "a.txt": "hi\n" } });
 *   const { stdout, stderr, exitCode } = await bash.exec("cat a.txt | wc -l");
 */
export { Bash, type BashOptions, type ExecOptions, type ExecResult, type MountSpec } from "./bash.js";
export { defineCommand, sh, type CustomCommandContext, type CustomCommandResult } from "./define-command.js";
export { parse } from "./parser/parser.js";
export { print } from "./parser/print.js";
export { lineColumn, type LineColumn } from "./parser/line-column.js";
export { ParseError } from "./parser/errors.js";
export type * from "./parser/ast.js";
export { DEFAULT_LIMITS, type Limits } from "./limits/limits.js";
export type { FileSystem, FileStat, DirEntry, FileType } from "./fs/types.js";
export { FsError } from "./fs/types.js";
export { MemFs } from "./fs/memfs.js";
export { SnapshotError } from "./fs/snapshot-error.js";
export type { CommandDef, CommandContext } from "../builtins/types.js";
export type { NetworkOptions, NetworkRule, NetworkFetch, NetworkRequestInit, NetworkResponse, OutgoingRequest } from "./network/types.js";
export type { JqOptions } from "../builtins/jq/runner.js";
