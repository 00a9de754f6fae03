/* The MC panel's words for the live state: what the hall sees, where the programme is, and how far the item
   started from its planned time. Pure logic: no DOM, tested with `node --test`. */

/** What the hall sees, in a line. `state` names the item when the screen is the item's own. */
export function screenLabel(s, state) {
  switch (s.kind) {
    case "blank": return "Màn hình đen";
    case "logo": return "Biểu trưng";
    case "announcement": return "Thông báo: " + s.text;
    case "speaker": return "Tham luận: " + s.name;
    case "honours": return s.award + (s.pages > 1 ? " — trang " + s.page + "/" + s.pages : "");
    case "welcome": return "Màn hình chào mừng";
    case "vote": return "Biểu quyết";
    case "programme": return state && state.item ? state.item.title : "Màn hình chào mừng";
    default: return s.label || (state && state.item ? state.item.title : "Màn hình chào mừng");
  }
}

/* Where the programme is, apart from what the hall sees: after a side trip (an announcement, an honours group out of
   order) → goes on from here and P comes back here. */
export function positionLabel(s) {
  const position = s.position || {};
  const item = s.item ? s.item.title : "Chưa bắt đầu";
  const at = position.step;
  if (!at) return item;
  if (at.kind === "speaker") return item + " — " + "Tham luận: " + at.name;
  if (at.kind === "honours") return item + " — " + at.award + (at.pages > 1 ? ", trang " + at.page + "/" + at.pages : "");
  if (at.kind === "vote") return item + " — " + at.title;
  return item;
}

/** { className, text } of an item started at `startedAt` (ISO) and planned at `planned` (ISO); null for none. */
export function driftOf(startedAt, planned) {
  const minutes = Math.round((Date.parse(startedAt) - Date.parse(planned)) / 60000);
  // More than half a day off: not the day of the programme (a rehearsal): no drift to speak of.
  if (Math.abs(minutes) > 720) return null;
  return {
    className: "drift " + (minutes > 2 ? "late" : minutes < -2 ? "early" : "on-time"),
    text: minutes > 0 ? "Chậm " + minutes + " phút so với kế hoạch"
      : minutes < 0 ? "Sớm " + (-minutes) + " phút so với kế hoạch" : "Đúng giờ",
  };
}
