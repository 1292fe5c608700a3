/**
 * The `sandbash` bin. It turns on Node's on-disk compile cache first (Node >= 22.1; a no-op
 * on older Nodes), as npm and tsc do for their own bins, then loads the CLI: from the second
 * run on, `sandbash -c` skips compiling the CLI's JavaScript. NODE_DISABLE_COMPILE_CACHE=1
 * turns the cache off, NODE_COMPILE_CACHE=dir moves it. The library never does this: only
 * an application should decide about its process's compile cache.
 */
import module from "node:module";

(module as { enableCompileCache?: () => unknown }).enableCompileCache?.();
await import("./cli.js");
