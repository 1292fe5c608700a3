import type { CommandContext } from "../types.js";
import type { FileStat } from "../../src/fs/types.js";

/** One file as find visits it. */
export interface Visit {
  /** The path as find prints it (starting point + relative part). */
  path: string;
  /** Absolute path in the filesystem. */
  abs: string;
  /** The starting point it was reached from, as given. */
  start: string;
  depth: number;
  /** Status under the symlink mode (-P: lstat; -L: stat, lstat when dangling). */
  st: FileStat;
  /** lstat of the file (same object as st when no link was followed). */
  lst: FileStat;
}

/** What a predicate may touch while find runs. */
export interface FindRun {
  ctx: CommandContext;
  /** Writes to stdout through find's buffer (flushed before a child runs or stderr is written). */
  out(text: string): void | Promise<void>;
  /** Sends buffered stdout on (before a child runs or stderr is written). */
  flush(): Promise<void>;
  /** Writes "find: message" (flushing stdout first) and sets the exit status to 1. */
  error(message: string): Promise<void>;
  /** Reads one line of stdin (-ok answers); null at end of input. */
  readLine(): Promise<string | null>;
  /** The exit status so far. */
  status: number;
  /** Don't descend into the current directory (-prune). */
  prune: boolean;
  /** Stop after this file (-quit). */
  quit: boolean;
  /** The follow mode ("P", "L", "H"). */
  follow: "P" | "L" | "H";
  /** Whether -depth is in effect (prune is then a no-op). */
  depthFirst: boolean;
  /** The moment find started (for -mtime, -ls recency). */
  now: number;
  /** Start of the day in effect for -daystart, else now. */
  dayOrigin: number;
}

/** A predicate: evaluated per file. */
export type Test = (v: Visit, run: FindRun) => boolean | Promise<boolean>;

/** The expression tree. */
export type Expr =
  | { k: "and" | "or" | "comma"; l: Expr; r: Expr }
  | { k: "not"; e: Expr }
  | { k: "pred"; name: string; test: Test };

/** Something to finish when find ends: -exec ... + batches, -fprint files. */
export interface Finisher {
  finish(run: FindRun): Promise<void>;
}

/** The parsed command line. */
export interface FindPlan {
  starts: string[];
  expr: Expr;
  follow: "P" | "L" | "H";
  maxDepth: number;
  minDepth: number;
  depthFirst: boolean;
  daystart: boolean;
  finishers: Finisher[];
  /** Checks to finish before walking (reference files): error messages. */
  checks: Array<Promise<string | undefined>>;
}

/** A command-line error already reported: find exits with status 1. */
export class FindUsage extends Error {
  constructor(readonly hint?: { word: string; primary: string }) {
    super("find usage");
  }
}
