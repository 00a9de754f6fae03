// The projector's credentials slide (Báo cáo thẩm tra tư cách đại biểu): the figures the credentials committee
// reads out, as the server computed them when the MC showed the screen (checkin/credentials.py slide()).
// screen = {kind: "credentials", assembly ("Đại hội" or "Hội nghị"), summoned, present, absent, present_pct, absent_with_reason, valid, as_of,
//           composition: [{label, count, pct}]}. Text only through textContent: nothing imported can run.

import { h as el } from "../dom.js";

// 66.67 → "66,67%": the decimal comma of Vietnamese papers
export function percent(value) {
  return String(Math.round(Number(value || 0) * 100) / 100).replace(".", ",") + "%";
}

function figure(label, value, note) {
  const box = el("div", "cred-figure");
  box.appendChild(el("div", "cred-value", value));
  box.appendChild(el("div", "cred-label", label));
  if (note) box.appendChild(el("div", "cred-note", note));
  return box;
}

export function credentialsSlide(screen) {
  const slide = el("div", "slide credentials");
  slide.appendChild(el("div", "eyebrow", "Báo cáo thẩm tra tư cách đại biểu"));
  const figures = el("div", "cred-figures");
  figures.appendChild(figure("Đại biểu được triệu tập", screen.summoned));
  figures.appendChild(figure("Có mặt", screen.present, percent(screen.present_pct)));
  figures.appendChild(figure("Vắng mặt", screen.absent,
    screen.absent ? "có lý do: " + (screen.absent_with_reason || 0) : null));
  slide.appendChild(figures);
  const table = el("table", "cred-composition");
  for (const row of screen.composition || []) {
    const tr = el("tr");
    tr.appendChild(el("th", null, row.label));
    tr.appendChild(el("td", null, row.count));
    tr.appendChild(el("td", null, percent(row.pct)));
    table.appendChild(tr);
  }
  slide.appendChild(table);
  slide.appendChild(el("div", "vote-result", screen.valid
    ? (screen.assembly || "Đại hội") + " đủ điều kiện tiến hành"
    : "Chưa đủ quá nửa số đại biểu được triệu tập"));
  return slide;
}
