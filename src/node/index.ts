/**
 * `sandbash/node`: the Node-only helpers, apart from the browser-safe main entry.
 * createOverlayFs mounts a real directory (read lazily, never written);
 * overlayRealDirectory seeds an existing filesystem from one.
 */
export { createOverlayFs, overlayRealDirectory, type OverlayOptions, type OverlayStats } from "./overlay-fs.js";
