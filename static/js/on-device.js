/* What a check-in screen (the door tablet, the kiosk stand) makes and keeps on the device itself: the id it gives
   each scan, so that a scan sent again after a lost answer is never counted twice, and its localStorage under a
   prefix of its own (door/roster.js, door/scan-queue.js load and save through it). */

/** A new scan's id: the browser's UUID where it has one (https or localhost), else time and chance. */
export function newScanId() {
  if (window.crypto && crypto.randomUUID) return crypto.randomUUID();
  return Date.now().toString(36) + Math.random().toString(36).slice(2, 12);
}

/** { load(key, fallback), save(key, value) }: JSON under `prefix` + key; what cannot be read is the fallback. */
export function keptUnder(prefix) {
  return {
    load(key, fallback) { try { return JSON.parse(localStorage.getItem(prefix + key)) || fallback; } catch (e) { return fallback; } },
    save(key, value) { localStorage.setItem(prefix + key, JSON.stringify(value)); },
  };
}
