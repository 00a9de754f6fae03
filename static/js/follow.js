/* The follow page for phones: the current item and where it stands in the programme. Read-only. */
import { readJson } from "./dom.js";
import { LiveClient } from "./live-client.js";

const eventInfo = readJson("event-data");
const titleEl = document.getElementById("now-title");
const detailEl = document.getElementById("now-detail");

function detail(screen) {
  if (screen.kind === "speaker") return "Tham luận: " + screen.name + " — " + screen.topic;
  if (screen.kind === "honours") return screen.award + (screen.pages > 1 ? " (trang " + screen.page + "/" + screen.pages + ")" : "");
  if (screen.kind === "welcome") return "Chào mừng các đại biểu";
  if (screen.kind === "announcement") return "Thông báo: " + screen.text;
  if (screen.kind === "vote") return "Biểu quyết: " + screen.title;
  return "";
}

new LiveClient(eventInfo.id, {
  onState(state) {
    titleEl.textContent = state.item ? state.item.title : "Chưa bắt đầu";
    detailEl.textContent = detail(state.screen || {});
    document.querySelectorAll("#programme li").forEach((li) => {
      li.classList.toggle("current", state.item && Number(li.dataset.itemId) === state.item.id);
    });
  },
  onConnection(up) { document.getElementById("offline").hidden = up; },
});
