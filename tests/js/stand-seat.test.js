// The seat on the kiosk stand's greeting (static/js/stand/seat.js): in words, and the size of the zone's plan.
import assert from "node:assert/strict";
import { test } from "node:test";
import { cellSize, seatText } from "../../static/js/stand/seat.js";

test("the seat in words: its parts that exist, else the place as typed, else nothing", () => {
  assert.equal(seatText({ seat: { zone: "A", row: 3, seat: "12" } }), "Khu A · Hàng 3 · Ghế 12");
  assert.equal(seatText({ seat: { zone: "", row: 3, seat: "12" } }), "Hàng 3 · Ghế 12");
  assert.equal(seatText({ seat: null, place: "Bàn 4" }), "Bàn 4");
  assert.equal(seatText({}), "");
});

test("the zone's plan fits its box whatever the zone's size, seats never under 3 px nor over 18 px", () => {
  assert.equal(cellSize(10, 2), 18);                 // a small zone: the largest boxes
  assert.equal(cellSize(40, 5), 10);                 // 520 / 40 - 3 = 10
  assert.equal(cellSize(20, 10), 8);                 // 110 / 10 - 3 = 8: the rows decide
  assert.equal(cellSize(500, 60), 3);                // a huge zone: still visible
  for (const [most, rows] of [[30, 4], [60, 8], [100, 12]]) {
    const cell = cellSize(most, rows);
    assert.ok((cell + 3) * most <= 520 || cell === 3);
    assert.ok((cell + 3) * rows <= 110 || cell === 3);
  }
});
