// The door's offline queue (static/js/door/scan-queue.js): order, no double counting, what is kept.
import assert from "node:assert/strict";
import { test } from "node:test";
import { OFFLINE } from "../../static/js/api.js";
import { ScanQueue } from "../../static/js/door/scan-queue.js";

function memory(initial = {}) {
  const data = { ...initial };
  return { data, load: (key, fallback) => data[key] || fallback, save: (key, value) => { data[key] = [...value]; } };
}

const scan = (n) => ({ scan_id: "s" + n, code: "DB-000" + n, scanned_at: `2026-12-05T07:0${n}:00Z` });

test("queued scans are sent oldest first, one at a time, and leave the storage once answered", async () => {
  const storage = memory();
  const sent = [];
  let inFlight = 0;
  const queue = new ScanQueue(storage, async (s) => {
    inFlight += 1;
    assert.equal(inFlight, 1);
    await new Promise((resolve) => setTimeout(resolve, 2));
    sent.push(s.scan_id);
    inFlight -= 1;
  });
  [1, 2, 3].forEach((n) => queue.add(scan(n)));
  assert.deepEqual(storage.data.queue.map((s) => s.scan_id), ["s1", "s2", "s3"]);
  const [first, second] = await Promise.all([queue.flush(), queue.flush()]);   // a double call joins the first
  assert.equal(first, true);
  assert.equal(second, true);
  assert.deepEqual(sent, ["s1", "s2", "s3"]);
  assert.deepEqual(storage.data.queue, []);
  assert.equal(await queue.flush(), null);
});

test("the server out of reach: everything stays, in order, for the next try", async () => {
  const storage = memory();
  let reachable = false;
  const sent = [];
  const queue = new ScanQueue(storage, async (s) => {
    if (!reachable) throw new Error(OFFLINE);
    sent.push(s.scan_id);
  });
  [1, 2].forEach((n) => queue.add(scan(n)));
  assert.equal(await queue.flush(), false);
  assert.equal(queue.length, 2);
  const reloaded = new ScanQueue(storage, queue.send);   // the tablet reloaded meanwhile
  reachable = true;
  assert.equal(await reloaded.flush(), true);
  assert.deepEqual(sent, ["s1", "s2"]);
});

test("a scan refused for good is dropped, one the server cannot take now (5xx) is kept", async () => {
  const storage = memory();
  const answers = [Object.assign(new Error("Mã không hợp lệ"), { status: 400 }), null,
                   Object.assign(new Error("Lỗi 503"), { status: 503 })];
  const queue = new ScanQueue(storage, async () => { const a = answers.shift(); if (a) throw a; });
  [1, 2, 3].forEach((n) => queue.add(scan(n)));
  assert.equal(await queue.flush(), false);
  assert.deepEqual(storage.data.queue.map((s) => s.scan_id), ["s3"]);
});
