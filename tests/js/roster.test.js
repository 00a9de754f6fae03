// The door's offline list (static/js/door/roster.js): badges found by a keyed hash of their code, which the tablet
// computes as the server does (checkin/roster.py), and no code kept.
import assert from "node:assert/strict";
import { test } from "node:test";
import { codeHash, OfflineRoster } from "../../static/js/door/roster.js";

const KEY = "0f".repeat(32);
const CODE = "BCGHKLMNPQTV0123456789BCGHKLM";
// checkin.roster.code_hash(KEY, CODE), computed by the server's Python: the two sides must agree
const SERVER_HASH = "50bfcbd395a58b8c63d5cbe71ec3b57c";

function memory() {
  const data = {};
  return { data, load: (key, fallback) => (key in data ? JSON.parse(data[key]) : fallback),
           save: (key, value) => { data[key] = JSON.stringify(value); } };
}

test("the tablet hashes a scanned code exactly as the server does", async () => {
  assert.equal(await codeHash(KEY, CODE), SERVER_HASH);
  assert.notEqual(await codeHash("0e".repeat(32), CODE), SERVER_HASH);  // another event's key
});

test("a scanned badge is recognised from the hashed list, which holds no code", async () => {
  const storage = memory();
  const roster = new OfflineRoster(storage, KEY);
  const waiting = [{ code: CODE, scanned_at: "2026-12-05T07:00:00Z" }];
  await roster.replace([{ id: 1, code_hash: SERVER_HASH, full_name: "Nguyễn Văn An", checked_in_at: null },
                        { id: 2, code_hash: "00".repeat(16), full_name: "Trần Thị Bình", checked_in_at: null }], waiting);
  const found = await roster.find(CODE);
  assert.equal(found.full_name, "Nguyễn Văn An");
  assert.equal(found.checked_in_at, "2026-12-05T07:00:00Z");  // scanned here, still to be sent
  assert.equal(await roster.find("BCGHKLMNPQTV0123456789BCGHKLN"), null);
  assert.ok(!storage.data["roster-hashed"].includes(CODE));
  // a reload finds the same list, with the key it was made with
  assert.equal((await new OfflineRoster(storage, "0e".repeat(32)).find(CODE)).id, 1);
});
