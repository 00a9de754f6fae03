/* The scans a tablet took while the server was out of reach, oldest first, kept in the tablet's storage so a
   reload loses none. Each keeps the id it was first sent with: the server recognises a scan it took before failing
   to answer, so sending one again never counts it twice. Sent one at a time, in order; a scan the server refuses
   for good (4xx) is dropped (sending it again would not help), one it cannot take now stays for the next try. */
import { retryLater } from "../api.js";

export class ScanQueue {
  /** `storage` has load(key, fallback) and save(key, value); `send(scan)` resolves when the server answered. */
  constructor(storage, send, key = "queue") {
    this.storage = storage;
    this.send = send;
    this.key = key;
    this.scans = storage.load(key, []);
    this.flushing = null;
  }

  get length() {
    return this.scans.length;
  }

  add(scan) {
    this.scans.push(scan);
    this.storage.save(this.key, this.scans);
  }

  /** Sends what is queued; resolves with true when the server was reached (even if it refused a scan), false when
      it could not be (the rest stays queued), null when there was nothing to send. A flush already under way is
      joined, never doubled. */
  flush() {
    if (!this.scans.length && !this.flushing) return Promise.resolve(null);
    if (!this.flushing) this.flushing = this.sendAll().finally(() => { this.flushing = null; });
    return this.flushing;
  }

  async sendAll() {
    while (this.scans.length) {
      try {
        await this.send(this.scans[0]);
      } catch (error) {
        if (retryLater(error)) return false;
      }
      this.scans.shift();
      this.storage.save(this.key, this.scans);
    }
    return true;
  }
}
