// Telling a handheld scanner's burst from a person's typing (static/js/door/scanner.js).
import assert from "node:assert/strict";
import { test } from "node:test";
import { keyChar, ScanDetector } from "../../static/js/door/scanner.js";

const codeKey = (ch) => (/[a-z]/i.test(ch) ? "Key" + ch.toUpperCase() : /\d/.test(ch) ? "Digit" + ch : "Minus");

/** Feeds `text` then Enter, a key every `gapMs` from `start`, to `detector`; returns what the Enter gave. */
function type(detector, text, { gapMs = 8, start = 1000, target = null, keys = null } = {}) {
  let t = start;
  for (const ch of keys || text) {
    const result = detector.keydown({ key: ch, code: codeKey(ch), shiftKey: ch !== ch.toLowerCase(), timeStamp: t },
                                    target);
    assert.equal(result, null);
    t += gapMs;
  }
  return detector.keydown({ key: "Enter", code: "Enter", timeStamp: t }, target);
}

test("a fast burst ending in Enter is a scan, with its code", () => {
  const scan = type(new ScanDetector(), "DB-0001");
  assert.equal(scan.text, "DB-0001");
  assert.equal(scan.altered, false);
});

test("twenty keys in 100 ms into a text box: a scan, and the box's own text is given back", () => {
  const box = { tagName: "INPUT", value: "Nguyễn" };
  const scan = type(new ScanDetector(), "ABCDEFGHIJ0123456789", { gapMs: 5, target: box });
  assert.equal(scan.text, "ABCDEFGHIJ0123456789");
  assert.equal(scan.target, box);
  assert.equal(scan.before, "Nguyễn");
});

test("a person typing slowly, then Enter, is left alone", () => {
  assert.equal(type(new ScanDetector(), "DB-0001", { gapMs: 150 }), null);
  assert.equal(type(new ScanDetector(), "DB-0001", { gapMs: 70 }), null);   // every gap short, the average not
});

test("one late key inside a burst is forgiven, a pause is not", () => {
  const detector = new ScanDetector();
  let t = 0;
  const key = (ch, gap) => { t += gap; return detector.keydown({ key: ch, code: codeKey(ch), timeStamp: t }, null); };
  for (const ch of "DB-00") key(ch, 5);
  key("0", 110);                  // a busy tablet delivered one key late
  key("1", 5);
  t += 5;
  assert.equal(detector.keydown({ key: "Enter", timeStamp: t }, null).text, "DB-0001");
  for (const ch of "DB-00") key(ch, 5);
  key("1", 200);                  // a person finished the code by hand: a new burst of one key
  t += 5;
  assert.equal(detector.keydown({ key: "Enter", timeStamp: t }, null), null);
});

test("too short a burst is not a scan", () => {
  assert.equal(type(new ScanDetector(), "DB1"), null);
});

test("a modifier key breaks the burst (a shortcut, not a scan)", () => {
  const detector = new ScanDetector();
  for (const [i, ch] of [..."DB-00"].entries()) detector.keydown({ key: ch, code: codeKey(ch), timeStamp: i * 5 }, null);
  detector.keydown({ key: "v", code: "KeyV", ctrlKey: true, timeStamp: 30 }, null);
  assert.equal(detector.keydown({ key: "Enter", timeStamp: 35 }, null), null);
});

test("keys an input method rewrote are read as the physical keys", () => {
  // Telex composing on top: the browser's key is "ư" while the physical key was W
  assert.equal(keyChar({ key: "ư", code: "KeyW", shiftKey: false }), "w");
  assert.equal(keyChar({ key: "Ư", code: "KeyW", shiftKey: true }), "W");
  assert.equal(keyChar({ key: "Process", code: "Digit7" }), "7");
  assert.equal(keyChar({ key: "a", code: "KeyA", shiftKey: false, getModifierState: () => true }), "a");
  assert.equal(keyChar({ key: "Dead", code: "KeyA", shiftKey: false, getModifierState: () => true }), "A");
  assert.equal(keyChar({ key: "Tab", code: "Tab" }), null);
});

test("a code rewritten before the browser saw it is reported as altered, not sent", () => {
  const detector = new ScanDetector();
  let t = 0;
  for (const ch of "DB-00") detector.keydown({ key: ch, code: codeKey(ch), timeStamp: (t += 5) }, null);
  detector.keydown({ key: "Backspace", code: "Backspace", timeStamp: (t += 5) }, null);
  detector.keydown({ key: "ơ", code: "", timeStamp: (t += 5) }, null);   // Unikey's replacement, no physical key
  const scan = detector.keydown({ key: "Enter", timeStamp: (t += 5) }, null);
  assert.equal(scan.altered, true);
});
