import type { CommandDef } from "../types.js";
import { gzip, gunzip, zcat } from "../gzip/index.js";
import { dd } from "../dd.js";
import { tar } from "../tar/index.js";
import { csplit } from "../csplit.js";
import { zip } from "../zip/zip.js";
import { unzip } from "../zip/unzip.js";

/** Archives and byte copying (gzip, tar, zip, dd, csplit), registered in builtins/index.ts. */
export const commands: CommandDef[] = [gzip, gunzip, zcat, dd, tar, csplit, zip, unzip];
