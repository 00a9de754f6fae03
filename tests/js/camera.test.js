/* The camera passes a badge held in view on once, not once per frame (static/js/door/camera.js). */
import { test } from "node:test";
import assert from "node:assert/strict";
import { RepeatGuard } from "../../static/js/door/camera.js";

test("a badge held in view for many frames is passed on once", () => {
  const guard = new RepeatGuard(4000);
  const frames = Array.from({ length: 20 }, (_, i) => guard.fresh("DB-001", 1000 + i * 150));
  assert.deepEqual(frames.filter(Boolean).length, 1);
  assert.equal(frames[0], true);
});

test("the same badge again after the pause is a new try", () => {
  const guard = new RepeatGuard(4000);
  assert.equal(guard.fresh("DB-001", 0), true);
  assert.equal(guard.fresh("DB-001", 4000), false);
  assert.equal(guard.fresh("DB-001", 4001), true);
});

test("the next delegate's badge is read at once, and the first one's again after that", () => {
  const guard = new RepeatGuard(10000);
  assert.equal(guard.fresh("DB-001", 0), true);
  assert.equal(guard.fresh("DB-002", 300), true);
  assert.equal(guard.fresh("DB-001", 600), true);
});
