// The MC panel's keys for the speaker's clock (static/js/control/speaker-clock.js).
import assert from "node:assert/strict";
import { test } from "node:test";
import { clockKey } from "../../static/js/control/speaker-clock.js";

test("K starts a clock not started, pauses a running one, resumes a paused one, starts a stopped one again", () => {
  assert.deepEqual(clockKey("k", {}), ["start"]);
  assert.deepEqual(clockKey("k", { running: true, elapsed_s: 30 }), ["pause"]);
  assert.deepEqual(clockKey("k", { running: false, elapsed_s: 30 }), ["resume"]);
  assert.deepEqual(clockKey("k", { running: false, elapsed_s: 30, stopped: true }), ["start"]);
});

test("+ and − (or = and -) a minute, E stops; any other key is no clock command", () => {
  assert.deepEqual(clockKey("+", {}), ["add", 60]);
  assert.deepEqual(clockKey("=", {}), ["add", 60]);
  assert.deepEqual(clockKey("-", {}), ["add", -60]);
  assert.deepEqual(clockKey("−", {}), ["add", -60]);
  assert.deepEqual(clockKey("e", { running: true }), ["stop"]);
  for (const key of ["b", "l", "ArrowRight", " ", "K"]) assert.equal(clockKey(key, { running: true }), null);
});
