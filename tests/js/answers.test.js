// What the door's card says for each answer, and the memory of the last welcome (static/js/door/answers.js).
import assert from "node:assert/strict";
import { test } from "node:test";
import { clearsItself, colourOf, detailOf, GreenMemory, seatShown, titleOf, undoable } from "../../static/js/door/answers.js";

const delegate = { id: 7, full_name: "Nguyễn Văn A", title: "Chiến sĩ thi đua", unit: "Phòng 1", place: "A-12" };

test("a welcome is green and stays; a refusal or an error is red and clears by itself", () => {
  assert.equal(colourOf("checked_in"), "green");
  assert.equal(colourOf("queued"), "green");
  assert.equal(colourOf("already_checked_in"), "amber");
  assert.equal(colourOf("undone"), "amber");
  for (const result of ["unknown_code", "wrong_event", "revoked", "error", "something_new"]) {
    assert.equal(colourOf(result), "red");
    assert.equal(clearsItself(result), true);
  }
  assert.equal(clearsItself("checked_in"), false);
  assert.equal(clearsItself("already_checked_in"), false);
});

test("titles are Vietnamese; an answer the tablet does not know shows its own name", () => {
  assert.equal(titleOf("checked_in"), "Chào mừng đại biểu");
  assert.equal(titleOf("revoked"), "Thẻ đã bị thu hồi");
  assert.equal(titleOf("brand_new"), "brand_new");
});

test("the seat shows on a welcome only; the detail line leaves out what is missing", () => {
  assert.equal(seatShown({ result: "checked_in", delegate }), true);
  assert.equal(seatShown({ result: "queued", delegate }), true);
  assert.equal(seatShown({ result: "already_checked_in", delegate }), false);
  assert.equal(seatShown({ result: "checked_in", delegate: { ...delegate, place: null } }), false);
  assert.equal(seatShown({ result: "queued" }), false);
  assert.equal(detailOf(delegate), "Chiến sĩ thi đua · Phòng 1");
  assert.equal(detailOf({ unit: "Phòng 1" }), "Phòng 1");
});

test("only a check-in shown with its delegate may be undone", () => {
  assert.equal(undoable({ result: "checked_in", delegate }), delegate);
  assert.equal(undoable({ result: "already_checked_in", delegate }), delegate);
  assert.equal(undoable({ result: "queued", delegate }), null);
  assert.equal(undoable({ result: "revoked", delegate }), null);
  assert.ok(!undoable({ result: "checked_in" }));
});

test("the same badge again within the repeat time gets its welcome again, not another's", () => {
  let now = 1000;
  const greens = new GreenMemory(8000, () => now);
  const welcome = { result: "checked_in", delegate };
  greens.remember("DB-1", welcome);
  now += 7999;
  assert.equal(greens.repeatOf("DB-1"), welcome);
  assert.equal(greens.repeatOf("DB-2"), null);
  now += 1;
  assert.equal(greens.repeatOf("DB-1"), null);
});

test("a refusal is not remembered, and an undo forgets the welcome", () => {
  let now = 0;
  const greens = new GreenMemory(8000, () => now);
  greens.remember("DB-1", { result: "already_checked_in", delegate });
  assert.equal(greens.repeatOf("DB-1"), null);
  const queued = { result: "queued", delegate };
  greens.remember("DB-1", queued);
  assert.equal(greens.repeatOf("DB-1"), queued);
  greens.forget();
  assert.equal(greens.repeatOf("DB-1"), null);
});
