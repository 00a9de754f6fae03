// The break slide's time left (static/js/projector/pause.js), and how the MC panel and the phones name a screen
// kind they have no words of their own for: by the label its builder gives (display/slides.py).
import assert from "node:assert/strict";
import { test } from "node:test";
import { screenLabel } from "../../static/js/control/labels.js";
import { breakLeft } from "../../static/js/projector/pause.js";
import { screenDetail } from "../../static/js/screen-words.js";

const until = "2025-06-20T10:15:00+07:00";
const at = (hhmmss) => Date.parse("2025-06-20T" + hhmmss + "+07:00");

test("the time left to the nearest minute, a clock a second behind included", () => {
  assert.equal(breakLeft(until, at("10:00:00")), "còn 15 phút");
  assert.equal(breakLeft(until, at("09:59:59")), "còn 15 phút");
  assert.equal(breakLeft(until, at("10:14:00")), "còn 1 phút");
  assert.equal(breakLeft(until, at("10:14:31")), "còn dưới 1 phút");
  assert.equal(breakLeft(until, at("10:15:00")), "Đã hết giờ giải lao");
  assert.equal(breakLeft(until, at("11:00:00")), "Đã hết giờ giải lao");
});

test("a kind without words of its own is named by its label", () => {
  const screen = { kind: "break", minutes: 15, until, label: "Nghỉ giải lao đến 10:15" };
  assert.equal(screenLabel(screen, { item: { title: "Khai mạc" } }), "Nghỉ giải lao đến 10:15");
  assert.equal(screenDetail(screen), "Nghỉ giải lao đến 10:15");
  assert.equal(screenLabel({ kind: "programme" }, { item: { title: "Khai mạc" } }), "Khai mạc");
  assert.equal(screenLabel({ kind: "credentials" }, { item: { title: "Khai mạc" } }), "Khai mạc");
});
