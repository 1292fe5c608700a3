/**
 * Build-time edits to jq-web's emscripten glue (node_modules/jq-web/jq.js), so
 * the embedder reaches the factory and supplies the wasm itself.
 *
 * The published file calls its factory at import time with no arguments and
 * exports only the resulting promise; in Node it then reads jq.wasm with
 * require('fs'), in browsers it fetches it next to the page, and on workerd it
 * dies on `self.location`. We turn it into an ES module that exports the
 * factory, in emscripten's "shell" mode (no environment detection, so no
 * require/fetch/self.location at all), and expose the FS object (pre.js reads
 * `FS` before it is defined, so the stock glue leaves `Module.FS` undefined).
 *
 * Every anchor must match exactly once: a jq-web upgrade that moves them makes
 * the vendor step fail loudly instead of producing a glue that half works.
 */

/** [anchor, replacement] pairs applied in order; each anchor must occur once. */
const EDITS: ReadonlyArray<readonly [string, string]> = [
  ["var ENVIRONMENT_IS_WEB = typeof window == 'object';", "var ENVIRONMENT_IS_WEB = false;"],
  [
    "var ENVIRONMENT_IS_WORKER = typeof WorkerGlobalScope != 'undefined';",
    "var ENVIRONMENT_IS_WORKER = false;",
  ],
  [
    "var ENVIRONMENT_IS_NODE = typeof process == 'object' && typeof process.versions == 'object' && typeof process.versions.node == 'string' && process.type != 'renderer';",
    "var ENVIRONMENT_IS_NODE = false;",
  ],
  // document.currentScript / __filename only feed scriptDirectory, unused in shell mode.
  [
    "  var _scriptName = typeof document != 'undefined' ? document.currentScript?.src : undefined;\n  if (typeof __filename != 'undefined') _scriptName = _scriptName || __filename;\n",
    "  var _scriptName = undefined;\n",
  ],
  // Dead in shell mode, but bundlers still try to resolve them for browser/neutral builds.
  ["var fs = require('fs');", "var fs = undefined;"],
  ["var nodePath = require('path');", "var nodePath = undefined;"],
  ["var nodeCrypto = require('crypto');", "var nodeCrypto = undefined;"],
  ["var wasmExports = await createWasm();", "Module.FS = FS;\nvar wasmExports = await createWasm();"],
  // The host's own stdin, read with Buffer and fs: dead in shell mode (jq's stdin is our FS stream),
  // and no Buffer or process may appear in the core (DEVELOPERS.md).
  [
    "        if (ENVIRONMENT_IS_NODE) {\n          // we will read data by chunks of BUFSIZE\n          var BUFSIZE = 256;\n          var buf = Buffer.alloc(BUFSIZE);\n          var bytesRead = 0;\n  \n          // For some reason we must suppress a closure warning here, even though\n          // fd definitely exists on process.stdin, and is even the proper way to\n          // get the fd of stdin,\n          // https://github.com/nodejs/help/issues/2136#issuecomment-523649904\n          // This started to happen after moving this logic out of library_tty.js,\n          // so it is related to the surrounding code in some unclear manner.\n          /** @suppress {missingProperties} */\n          var fd = process.stdin.fd;\n  \n          try {\n            bytesRead = fs.readSync(fd, buf, 0, BUFSIZE);\n          } catch(e) {\n            // Cross-platform differences: on Windows, reading EOF throws an\n            // exception, but on other OSes, reading EOF returns 0. Uniformize\n            // behavior by treating the EOF exception to return 0.\n            if (e.toString().includes('EOF')) bytesRead = 0;\n            else throw e;\n          }\n  \n          if (bytesRead > 0) {\n            result = buf.slice(0, bytesRead).toString('utf-8');\n          }\n        } else\n",
    "",
  ],
];

/** Where the factory expression ends and jq-web's import-time call begins. */
const TAIL_ANCHOR = "\n})();\nif (typeof exports === 'object' && typeof module === 'object') {";

function countOccurrences(text: string, needle: string): number {
  let n = 0;
  for (let i = text.indexOf(needle); i !== -1; i = text.indexOf(needle, i + needle.length)) n++;
  return n;
}

/** Returns the glue as an ES module whose default export is the emscripten factory. */
export function transformJqGlue(source: string, banner = ""): string {
  let text = source.replace(/\r\n/g, "\n");
  for (const [anchor, replacement] of EDITS) {
    const n = countOccurrences(text, anchor);
    if (n !== 1) {
      throw new Error(`jq-web glue: expected 1 occurrence of ${JSON.stringify(anchor.slice(0, 60))}, found ${n}`);
    }
    text = text.replace(anchor, () => replacement);
  }
  const tail = text.indexOf(TAIL_ANCHOR);
  if (tail === -1 || countOccurrences(text, TAIL_ANCHOR) !== 1) {
    throw new Error("jq-web glue: the end of the factory expression was not found exactly once");
  }
  text = text.slice(0, tail) + "\n})();\nexport default jq;\n";
  if (/\brequire\s*\(/.test(text)) throw new Error("jq-web glue: a require() call survived the transform");
  return banner + text;
}
