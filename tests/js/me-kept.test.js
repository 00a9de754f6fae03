// The delegate's page keeps its last answer on the phone (static/js/me/kept.js): the newest of page and phone wins.
import assert from "node:assert/strict";
import { test } from "node:test";
import { keeper } from "../../static/js/me/kept.js";

function memory(initial = {}) {
  const data = { ...initial };
  return { data, getItem: (k) => (k in data ? data[k] : null), setItem: (k, v) => { data[k] = v; } };
}

test("a kept answer newer than the page wins; the page is not kept over it", () => {
  const newer = { as_of: "2026-12-05T09:00:00Z", delegate: { full_name: "B" } };
  const storage = memory({ k: JSON.stringify(newer) });
  const page = { as_of: "2026-12-05T08:00:00Z", delegate: { full_name: "A" } };
  assert.deepEqual(keeper(storage, "k").newest(page), newer);
  assert.deepEqual(JSON.parse(storage.data.k), newer);
});

test("a page newer than the kept answer wins and is kept", () => {
  const storage = memory({ k: JSON.stringify({ as_of: "2026-12-05T07:00:00Z" }) });
  const page = { as_of: "2026-12-05T08:00:00Z" };
  assert.equal(keeper(storage, "k").newest(page), page);
  assert.deepEqual(JSON.parse(storage.data.k), page);
});

test("nothing kept, or something unreadable: the page, kept; a full storage is no error", () => {
  const storage = memory({ k: "{not json" });
  const page = { as_of: "2026-12-05T08:00:00Z" };
  assert.equal(keeper(storage, "k").newest(page), page);
  assert.deepEqual(JSON.parse(storage.data.k), page);
  const full = { getItem: () => null, setItem: () => { throw new Error("QuotaExceededError"); } };
  assert.equal(keeper(full, "k").newest(page), page);
  keeper(full, "k").keep(page);
});

test("a kept answer without its time never wins", () => {
  const storage = memory({ k: JSON.stringify({ delegate: { full_name: "old" } }) });
  const page = { as_of: null, delegate: { full_name: "A" } };
  assert.equal(keeper(storage, "k").newest(page), page);
});
