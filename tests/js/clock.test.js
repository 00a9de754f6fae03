// The speaker's clock as every screen computes it (static/js/clock.js).
import assert from "node:assert/strict";
import { test } from "node:test";
import { clockPhase, formatClock, remainingSeconds } from "../../static/js/clock.js";

const asOf = "2026-12-05T08:00:00.000Z";
const at = (seconds) => Date.parse(asOf) + seconds * 1000;

test("a running clock counts down from what was left at as_of", () => {
  const clock = { allowed_s: 420, elapsed_s: 20, running: true, as_of: asOf };
  assert.equal(remainingSeconds(clock, at(0)), 400);
  assert.equal(remainingSeconds(clock, at(100.5)), 299.5);
  assert.equal(remainingSeconds(clock, at(-3)), 400);   // a device clock a little behind never adds time
});

test("a paused clock stays where it stopped", () => {
  const clock = { allowed_s: 420, elapsed_s: 20, running: false, as_of: asOf };
  assert.equal(remainingSeconds(clock, at(600)), 400);
  assert.equal(remainingSeconds(null, at(0)), null);
});

test("the phase turns to warning in the last minute and to over at zero", () => {
  assert.equal(clockPhase(null), "idle");
  assert.equal(clockPhase(61), "normal");
  assert.equal(clockPhase(60), "warning");
  assert.equal(clockPhase(0.1), "warning");
  assert.equal(clockPhase(0), "over");
  assert.equal(clockPhase(-5), "over");
});

test("the clock reads as a person reads a countdown, then counts up past zero", () => {
  assert.equal(formatClock(null), "--:--");
  assert.equal(formatClock(300), "5:00");
  assert.equal(formatClock(299.2), "5:00");
  assert.equal(formatClock(0.2), "0:01");
  assert.equal(formatClock(0), "+0:00");
  assert.equal(formatClock(-42.7), "+0:42");
  assert.equal(formatClock(-750), "+12:30");
});
