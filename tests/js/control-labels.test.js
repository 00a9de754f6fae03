// The MC panel's words for the live state (static/js/control/labels.js) and its one-at-a-time commands
// (static/js/control/commands.js).
import assert from "node:assert/strict";
import { test } from "node:test";
import { serialSender, stepBody } from "../../static/js/control/commands.js";
import { driftOf, positionLabel, screenLabel } from "../../static/js/control/labels.js";

test("what the hall sees, in a line", () => {
  assert.equal(screenLabel({ kind: "blank" }), "Màn hình đen");
  assert.equal(screenLabel({ kind: "announcement", text: "Giải lao" }), "Thông báo: Giải lao");
  assert.equal(screenLabel({ kind: "honours", award: "Bằng khen", page: 2, pages: 3 }), "Bằng khen — trang 2/3");
  assert.equal(screenLabel({ kind: "honours", award: "Bằng khen", page: 1, pages: 1 }), "Bằng khen");
  assert.equal(screenLabel({ kind: "item" }, { item: { title: "Khai mạc" } }), "Khai mạc");
  assert.equal(screenLabel({}, { item: null }), "Màn hình chào mừng");
  assert.equal(screenLabel({}, null), "Màn hình chào mừng");
});

test("where the programme is, apart from what the hall sees", () => {
  assert.equal(positionLabel({}), "Chưa bắt đầu");
  const item = { title: "Khen thưởng" };
  assert.equal(positionLabel({ item, position: {} }), "Khen thưởng");
  assert.equal(positionLabel({ item, position: { step: { kind: "speaker", name: "Bà B" } } }),
               "Khen thưởng — Tham luận: Bà B");
  assert.equal(positionLabel({ item, position: { step: { kind: "honours", award: "Cờ thi đua", page: 2, pages: 4 } } }),
               "Khen thưởng — Cờ thi đua, trang 2/4");
  assert.equal(positionLabel({ item, position: { step: { kind: "vote", title: "Nghị quyết" } } }),
               "Khen thưởng — Nghị quyết");
});

test("drift from the planned time: late, early, on time, none on another day", () => {
  const planned = "2026-12-05T08:00:00Z";
  assert.deepEqual(driftOf("2026-12-05T08:07:00Z", planned), { className: "drift late", text: "Chậm 7 phút so với kế hoạch" });
  assert.deepEqual(driftOf("2026-12-05T07:55:00Z", planned), { className: "drift early", text: "Sớm 5 phút so với kế hoạch" });
  assert.deepEqual(driftOf("2026-12-05T08:02:00Z", planned), { className: "drift on-time", text: "Chậm 2 phút so với kế hoạch" });
  assert.deepEqual(driftOf("2026-12-05T08:00:20Z", planned), { className: "drift on-time", text: "Đúng giờ" });
  assert.equal(driftOf("2026-12-06T08:00:00Z", planned), null);
});

test("commands go one at a time in the order pressed; a body function is read at its turn", async () => {
  const log = [];
  let inFlight = 0;
  let version = 1;
  const send = serialSender(async (action, body) => {
    inFlight += 1;
    assert.equal(inFlight, 1);
    await new Promise((resolve) => setTimeout(resolve, 2));
    log.push([action, body]);
    version += 1;
    inFlight -= 1;
  });
  send("screen", { kind: "blank" });
  send("next", () => ({ version }));
  await send("next", () => ({ version }));
  assert.deepEqual(log, [["screen", { kind: "blank" }], ["next", { version: 2 }], ["next", { version: 3 }]]);
  assert.deepEqual(stepBody(null), {});
  assert.deepEqual(stepBody({ version: 9 }), { version: 9 });
});
