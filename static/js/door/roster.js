/* The delegate list a door tablet keeps to go on scanning offline (issue 20). It holds what the door's card shows
   (name, title, unit, seat, checked in or not) and, for each badge, a keyed hash of its code, never the code: a
   tablet lost or read out gives nobody a code to print on a badge or to type at another door. A scanned code is
   found by hashing it the same way: HMAC-SHA256 under the event's key (checkin/roster.py), cut to HASH_BYTES.
   Web Crypto exists only in a secure context (https, or this machine's own http://127.0.0.1). */
const HASH_BYTES = 16;
const STORE_KEY = "roster-hashed";

function bytesOfHex(hex) {
  const bytes = new Uint8Array(hex.length / 2);
  for (let i = 0; i < bytes.length; i += 1) bytes[i] = parseInt(hex.substr(i * 2, 2), 16);
  return bytes;
}

const imported = new Map();   // key (hex) -> its CryptoKey: imported once, not at every scan

/** The code's keyed hash in hex; null when this page has no Web Crypto (plain http from another machine). */
export function codeHash(key, code) {
  if (!key || !(globalThis.crypto && crypto.subtle)) return Promise.resolve(null);
  if (!imported.has(key)) {
    imported.set(key, crypto.subtle.importKey("raw", bytesOfHex(key), { name: "HMAC", hash: "SHA-256" }, false,
                                              ["sign"]));
  }
  return imported.get(key)
    .then(function (k) { return crypto.subtle.sign("HMAC", k, new TextEncoder().encode(code)); })
    .then(function (signature) {
      return Array.from(new Uint8Array(signature, 0, HASH_BYTES), function (b) {
        return b.toString(16).padStart(2, "0");
      }).join("");
    })
    .catch(function () { return null; });
}

export class OfflineRoster {
  /** `storage` has load(key, fallback) and save(key, value); `key` is the event's key from the page. The list kept
      is used with the key it was made with, until a fresh one replaces both. */
  constructor(storage, key) {
    this.storage = storage;
    this.pageKey = key;
    const kept = storage.load(STORE_KEY, null);
    this.key = (kept && kept.key) || key;
    this.rows = (kept && kept.rows) || {};
  }

  /** Resolves with the delegate a scanned code belongs to, null when none, undefined when this page cannot tell. */
  find(code) {
    const rows = this.rows;
    return codeHash(this.key, code).then(function (hash) { return hash === null ? undefined : rows[hash] || null; });
  }

  byId(id) {
    const rows = this.rows;
    return Object.keys(rows).map(function (h) { return rows[h]; }).filter(function (d) { return d.id === id; })[0] || null;
  }

  save() {
    this.storage.save(STORE_KEY, { key: this.key, rows: this.rows });
  }

  /** A fresh list from the server (rows with `code_hash`); those scanned here and still waiting to be sent stay
      checked in. */
  replace(rows, waiting) {
    const fresh = {};
    const key = this.pageKey;
    rows.forEach(function (d) { fresh[d.code_hash] = d; });
    const byId = {};
    rows.forEach(function (d) { byId[d.id] = d; });
    return Promise.all(waiting.map(function (scan) {
      const found = scan.delegate_id ? Promise.resolve(byId[scan.delegate_id])
        : codeHash(key, scan.code).then(function (hash) { return hash && fresh[hash]; });
      return found.then(function (d) {
        if (d && !d.checked_in_at) d.checked_in_at = scan.scanned_at;
      });
    })).then(() => { this.key = key; this.rows = fresh; this.save(); });
  }
}
