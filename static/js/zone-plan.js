/* A small plan of one zone of the hall, the stage at the top (row 1 is the front row) and the delegate's seat lit:
   the kiosk stand's greeting (stand/seat.js) and the delegate's own page (me/profile.js) draw it alike, each in its
   own size and classes. A zone is the seating layout's ({rows: [{row, seats: [label, …]}]}): labels, no names. */
import { h } from "./dom.js";

/** The side of a seat's box in pixels: the zone's longest row of `most` seats fits `width`, its `rows` rows fit
    `height`, each box with `gap` pixels beside it; never under 3 px (still visible) nor over `largest`. Pure. */
export function seatBoxSize(most, rows, { width, height, largest, gap }) {
  return Math.max(3, Math.min(largest, Math.floor(width / most) - gap, Math.floor(height / rows) - gap));
}

/** Fills `box` with the stage and the zone's rows of seats, `seat` ({row, seat}) lit, sized by `fit` (as
    seatBoxSize); returns `box`. */
export function drawZone(box, zone, seat, { fit, stageClass, rowClass }) {
  const most = Math.max(...zone.rows.map((r) => r.seats.length));
  const cell = seatBoxSize(most, zone.rows.length, fit);
  box.appendChild(h("div", stageClass, "Sân khấu"));
  zone.rows.forEach((row) => {
    const line = h("div", rowClass);
    row.seats.forEach((label) => {
      const seatBox = h("span", row.row === seat.row && label === seat.seat ? "lit" : "");
      seatBox.style.width = seatBox.style.height = cell + "px";
      line.appendChild(seatBox);
    });
    box.appendChild(line);
  });
  return box;
}
