/* The delegate's own cards on their page: who and where they are (the seat lit on the zone's plan), the papers
   (opened with the PDF viewer, loaded only then) and, for a delegation's head, who of the delegation has arrived. */
import { h, vnTime } from "../dom.js";

function setText(field, text) {
  const el = document.querySelector("[data-f='" + field + "']");
  el.textContent = text || "";
  return el;
}

export function drawWho(d, checkedInAt) {
  setText("full_name", d.full_name);
  setText("title_unit", [d.title, d.unit].filter(Boolean).join(", "));
  setText("delegation", d.delegation ? "Đoàn " + d.delegation : "").hidden = !d.delegation;
  setText("place", d.place || "Chưa xếp chỗ: mời đồng chí hỏi Ban tổ chức.");
  setText("arrived", checkedInAt ? "Đã điểm danh lúc " + vnTime(checkedInAt) : "");
}

/* The delegate's zone, the stage at the top (row 1 is the front row), their seat lit: as on the kiosk stand. */
export function drawPlan(plan, seat) {
  const box = document.getElementById("zone-plan");
  box.replaceChildren();
  if (!plan || !seat || !plan.rows.length) return;
  const most = Math.max(...plan.rows.map((r) => r.seats.length));
  const width = Math.min(box.clientWidth || 300, 480) - 16;
  const cell = Math.max(3, Math.min(16, Math.floor(width / most) - 2, Math.floor(160 / plan.rows.length) - 2));
  box.appendChild(h("div", "stage", "Sân khấu"));
  plan.rows.forEach((row) => {
    const line = h("div", "row");
    row.seats.forEach((label) => {
      const lit = row.row === seat.row && label === seat.seat;
      const s = h("span", lit ? "lit" : "");
      s.style.width = s.style.height = cell + "px";
      line.appendChild(s);
    });
    box.appendChild(line);
  });
}

/** The papers' list; `online()` says whether a paper can be opened now, `api` is the page's /api/me/{token}. */
export function drawPapers(docs, guest, api, online) {
  const list = document.getElementById("papers");
  list.replaceChildren(...docs.map((doc) => {
    const button = h("button", null, doc.title);
    button.type = "button";
    button.dataset.doc = doc.id;
    if (doc.pages) button.appendChild(h("span", "pages", doc.pages + " trang"));
    button.addEventListener("click", () => openPaper(doc, api, online()));
    const li = h("li");
    li.appendChild(button);
    return li;
  }));
  document.getElementById("papers-none").hidden = docs.length > 0;
  document.querySelector(".me-papers").hidden = Boolean(guest);  // the papers are the delegates'
}

async function openPaper(doc, api, online) {
  const viewer = document.getElementById("viewer");
  viewer.hidden = false;
  viewer.replaceChildren(h("p", "me-note", online ? "Đang mở tài liệu…" : "Mất kết nối: chưa mở được tài liệu."));
  viewer.scrollIntoView({ block: "start" });
  if (!online) return;
  try {
    const { showPaper } = await import("../paper-viewer.js");
    await showPaper(viewer, doc, api + "/documents/" + doc.id);
  } catch (e) {
    viewer.replaceChildren(h("p", "me-note", "Chưa mở được tài liệu. Mời đồng chí thử lại."));
  }
}

export function drawMembers(members) {
  const card = document.getElementById("members-card");
  card.hidden = !members;
  if (!members) return;
  const here = members.filter((m) => m.arrived).length;
  document.getElementById("members-count").textContent = here + "/" + members.length + " đại biểu đã đến";
  document.getElementById("members").replaceChildren(...members.map((m) => {
    const li = h("li");
    li.dataset.arrived = m.arrived ? "1" : "0";
    li.append(h("span", null, m.full_name + (m.me ? " (trưởng đoàn)" : "")),
              h("span", m.arrived ? "here" : "away", m.arrived ? "✓ Đã đến" + (m.arrived_at ? " " + m.arrived_at : "")
                : "Chưa đến"));
    return li;
  }));
}
