/* The delegate's own cards on their page: who and where they are (the seat lit on the zone's plan), the papers
   (opened with the PDF viewer, loaded only then) and, for a delegation's head, who of the delegation has arrived. */
import { h, vnTime } from "../dom.js";
import { drawZone } from "../zone-plan.js";

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

/* The delegate's zone, the stage at the top, their seat lit: as on the kiosk stand (zone-plan.js), in the card's
   width (at most 480 px) and 160 px high. */
export function drawPlan(plan, seat) {
  const box = document.getElementById("zone-plan");
  box.replaceChildren();
  if (!plan || !seat || !plan.rows.length) return;
  const fit = { width: Math.min(box.clientWidth || 300, 480) - 16, height: 160, largest: 16, gap: 2 };
  drawZone(box, plan, seat, { fit, stageClass: "stage", rowClass: "row" });
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
