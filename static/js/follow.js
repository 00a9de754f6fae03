/* The follow page for phones: the current item and where it stands in the programme. Read-only. */
import { measureServerOffset, renderClock } from "./clock.js";
import { readJson } from "./dom.js";
import { LiveClient } from "./live-client.js";

const eventInfo = readJson("event-data");
const titleEl = document.getElementById("now-title");
const detailEl = document.getElementById("now-detail");
let screen = {};
// The speaker's time left, computed from the server's clock like the projector's and the lectern's.
const ticking = renderClock(document.getElementById("now-clock"), () => (screen.kind === "speaker" ? screen.clock : null));
measureServerOffset();

function detail(screen) {
  if (screen.kind === "speaker") return "Tham luận: " + screen.name + " — " + screen.topic;
  if (screen.kind === "honours") return screen.award + (screen.pages > 1 ? " (trang " + screen.page + "/" + screen.pages + ")" : "");
  if (screen.kind === "welcome") return "Chào mừng các đại biểu";
  if (screen.kind === "announcement") return "Thông báo: " + screen.text;
  if (screen.kind === "vote") {
    if (screen.stage === "open" && screen.method === "electronic") {
      return "Biểu quyết: " + screen.title + " — " + screen.received + "/" + screen.entitled + " đã biểu quyết";
    }
    if (screen.stage === "result") {
      return "Biểu quyết: " + screen.title + " — " + (screen.verdict === "passed" ? "Đại hội thông qua" : "Không thông qua");
    }
    return "Biểu quyết: " + screen.title;
  }
  return "";
}

new LiveClient(eventInfo.id, {
  onState(state) {
    titleEl.textContent = state.item ? state.item.title : "Chưa bắt đầu";
    screen = state.screen || {};
    detailEl.textContent = detail(screen);
    ticking.draw();
    document.querySelectorAll("#programme li").forEach((li) => {
      li.classList.toggle("current", state.item && Number(li.dataset.itemId) === state.item.id);
    });
  },
  onConnection(up) { document.getElementById("offline").hidden = up; },
});
