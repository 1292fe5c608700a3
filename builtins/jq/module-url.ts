/**
 * The URL of the directory files beside this code live in (jq.wasm, jq-node.js
 * in dist/): import.meta.url in ESM; in a CommonJS bundle (where esbuild leaves
 * import.meta empty) it is derived from __filename.
 */
export function moduleUrl(): string | undefined {
  const url = (import.meta as { url?: string }).url;
  if (url) return url;
  if (typeof __filename === "string") {
    const path = __filename.replace(/\\/g, "/");
    return "file://" + (path.startsWith("/") ? "" : "/") + encodeURI(path);
  }
  return undefined;
}
