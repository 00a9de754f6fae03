/* Where the delegate sits, on the stand's greeting: the seat in words, and a small plan of the delegate's zone
   with their seat lit, from the hall's zones, rows and seat labels (no names), held in memory only. */
import { getJson } from "../api.js";
import { h } from "../dom.js";
import { drawZone, seatBoxSize } from "../zone-plan.js";

/** "Khu A · Hàng 3 · Ghế 12" from the seat's parts, else the delegate's place as typed, else "". Pure. */
export function seatText(d) {
  const s = d.seat;
  if (s) return [["Khu", s.zone], ["Hàng", s.row], ["Ghế", s.seat]].filter((p) => p[1]).map((p) => p[0] + " " + p[1]).join(" · ");
  return d.place || "";
}

/* A small plan of the delegate's zone, their seat lit: at most 520 × 110 pixels whatever the zone's size. */
const STAND_FIT = { width: 520, height: 110, largest: 18, gap: 3 };

/** The side of a seat's box in pixels for a zone of `rows` rows of at most `most` seats. Pure. */
export function cellSize(most, rows) {
  return seatBoxSize(most, rows, STAND_FIT);
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
    const box = h("div", "stand-plan");
    box.setAttribute("aria-hidden", "true");
    return drawZone(box, zone, seat, { fit: STAND_FIT, stageClass: "stand-plan-stage", rowClass: "stand-plan-row" });
  }

  return { load, plan };
}
