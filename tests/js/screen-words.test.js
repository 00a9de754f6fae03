// The projector's screen in a line, as the follow page and the delegate's page say it (static/js/screen-words.js).
import assert from "node:assert/strict";
import { test } from "node:test";
import { screenDetail } from "../../static/js/screen-words.js";

test("a speaker, an honours page, an announcement", () => {
  assert.equal(screenDetail({ kind: "speaker", name: "Nguyễn Thị Lan", topic: "Nông dân giỏi" }),
    "Tham luận: Nguyễn Thị Lan — Nông dân giỏi");
  assert.equal(screenDetail({ kind: "honours", award: "Bằng khen", page: 2, pages: 3 }), "Bằng khen (trang 2/3)");
  assert.equal(screenDetail({ kind: "honours", award: "Bằng khen", page: 1, pages: 1 }), "Bằng khen");
  assert.equal(screenDetail({ kind: "announcement", text: "Mời đại biểu ổn định chỗ ngồi" }),
    "Thông báo: Mời đại biểu ổn định chỗ ngồi");
});

test("a vote: open with its count, then its verdict", () => {
  const vote = { kind: "vote", title: "Thông qua Nghị quyết", method: "electronic", received: 12, entitled: 40 };
  assert.equal(screenDetail({ ...vote, stage: "open" }), "Biểu quyết: Thông qua Nghị quyết — 12/40 đã biểu quyết");
  assert.equal(screenDetail({ ...vote, stage: "result", verdict: "passed" }),
    "Biểu quyết: Thông qua Nghị quyết — Đại hội thông qua");
  assert.equal(screenDetail({ kind: "programme" }), "");
});
