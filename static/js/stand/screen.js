/* What the stand's screen says: the welcome, a greeting by name with the seat, a calm note that sends the delegate
   to the organisers' desk (never a red alarm in front of the queue), or "Đã ghi nhận" for a scan taken on trust.
   Anything but the welcome goes back to it by itself after resetMs. */
import { h } from "../dom.js";
import { seatText } from "./seat.js";

/** Returns { show(answer), calm(title, detail), recorded() }; `plan(seat)` draws the seat's zone or null. */
export function mountScreen(stand, screen, resetMs, plan) {
  const idleView = screen.firstElementChild;
  let resetTimer = null;

  function setState(state, children) {
    clearTimeout(resetTimer);
    stand.className = "stand " + state;
    stand.dataset.state = state;
    screen.replaceChildren(...children);
    if (state !== "idle") resetTimer = setTimeout(idle, resetMs);
  }

  function idle() { setState("idle", [idleView]); }

  /* The greeting: "Kính chào đồng chí" (or "quý khách" for a guest), the name, then where to sit. */
  function greet(d, note) {
    const parts = [h("div", "stand-greeting", d.guest ? "Kính chào quý khách" : "Kính chào đồng chí"),
                   h("div", "stand-person", d.full_name)];
    if (d.unit) parts.push(h("div", "stand-unit", d.unit));
    if (d.delegation) parts.push(h("div", "stand-delegation", d.delegation));
    const seat = seatText(d);
    if (seat) {
      const box = h("div", "stand-seat");
      box.append(h("span", "stand-seat-label", "Chỗ ngồi"), h("span", "stand-seat-place", seat));
      const zone = d.seat ? plan(d.seat) : null;
      if (zone) box.appendChild(zone);
      parts.push(box);
    }
    if (note) parts.push(h("div", "stand-note", note));
    setState("greet", parts);
  }

  function calm(title, detail) {
    setState("calm", [h("div", "stand-calm-title", title), h("div", "stand-calm-detail", detail),
                      h("div", "stand-desk", "Xin mời đồng chí đến bàn Ban tổ chức để được hỗ trợ.")]);
  }

  function recorded() {
    setState("queued", [h("div", "stand-greeting", "Đã ghi nhận"),
                        h("div", "stand-person stand-recorded", "Mời đồng chí vào hội trường"),
                        h("div", "stand-note", "Xin cảm ơn đồng chí.")]);
  }

  /* What a check-in answer puts on the screen. */
  function show(answer) {
    const d = answer.delegate;
    if (answer.result === "checked_in" && d) return greet(d);
    if (answer.result === "already_checked_in") {
      return calm("Thẻ này đã được điểm danh trước đó", "Nếu đồng chí chưa vào hội trường, Ban tổ chức sẽ kiểm tra giúp.");
    }
    if (answer.result === "revoked") return calm("Thẻ này hiện không dùng được", "Ban tổ chức sẽ cấp lại thẻ cho đồng chí.");
    if (answer.result === "wrong_event") return calm("Thẻ này dành cho một hội nghị khác", "Ban tổ chức sẽ hướng dẫn đồng chí.");
    return calm("Chưa đọc được thẻ", "Xin đồng chí thử lại, hoặc gặp Ban tổ chức.");
  }

  return { show, calm, recorded };
}
