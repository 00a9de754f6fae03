/* Where the delegate sits, on the stand's greeting: the seat in words, and a small plan of the delegate's zone
   with their seat lit, from the hall's zones, rows and seat labels (no names), held in memory only. */
import { getJson } from "../api.js";
import { h } from "../dom.js";

/** "Khu A · Hàng 3 · Ghế 12" from the seat's parts, else the delegate's place as typed, else "". Pure. */
export function seatText(d) {
  const s = d.seat;
  if (s) return [["Khu", s.zone], ["Hàng", s.row], ["Ghế", s.seat]].filter((p) => p[1]).map((p) => p[0] + " " + p[1]).join(" · ");
  return d.place || "";
}

/* A small plan of the delegate's zone, their seat lit: at most PLAN_W × PLAN_H pixels whatever the zone's size. */
const PLAN_W = 520, PLAN_H = 110;

/** The side of a seat's box in pixels for a zone of `rows` rows of at most `most` seats. Pure. */
export function cellSize(most, rows) {
  return Math.max(3, Math.min(18, Math.floor(PLAN_W / most) - 3, Math.floor(PLAN_H / rows) - 3));
}

/** Returns { load() (the layout, again when the stand is back online), plan(seat) -> element or null }. */
export function hallPlan(api) {
  let hall = [];

  function load() {
    getJson(api + "/seating/layout").then(function (answer) { hall = answer.zones || []; }).catch(function () {});
  }

  function plan(seat) {
    const zone = hall.find(function (z) { return z.zone === seat.zone; });
    if (!zone || !zone.rows.length) return null;
    const most = Math.max(...zone.rows.map(function (r) { return r.seats.length; }));
    const cell = cellSize(most, zone.rows.length);
    const box = h("div", "stand-plan");
    box.setAttribute("aria-hidden", "true");
    box.appendChild(h("div", "stand-plan-stage", "Sân khấu"));   // row 1 is the front row
    zone.rows.forEach(function (row) {
      const line = h("div", "stand-plan-row");
      row.seats.forEach(function (label) {
        const seatBox = h("span", row.row === seat.row && label === seat.seat ? "lit" : "");
        seatBox.style.width = seatBox.style.height = cell + "px";
        line.appendChild(seatBox);
      });
      box.appendChild(line);
    });
    return box;
  }

  return { load, plan };
}
