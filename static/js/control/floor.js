/* The MC panel's requests to speak (đăng ký phát biểu), live from the MC's own room (`watch_floor`): each waiting
   request with Accept (the delegate goes to the end of the speakers' list, where → reaches them like any speaker)
   and Decline; the last decided ones below, for the record. */
import { getJson, postJson } from "../api.js";
import { h, vnTime } from "../dom.js";

const DECIDED_SHOWN = 5;

export function mountFloor(list, socket, eventId, { showError, countEl }) {
  const api = "/api/events/" + eventId + "/floor";
  const requests = new Map();
  let titles = {};

  function row(r) {
    const li = h("li", "floor-request " + r.status);
    li.dataset.id = r.id;
    li.dataset.status = r.status;
    li.append(h("div", "floor-who", r.delegate.full_name + (r.delegate.unit ? " · " + r.delegate.unit : "")),
              h("div", "floor-topic", r.topic),
              h("div", "floor-state", vnTime(r.at) + " · " + (titles[r.item_id] || "")));
    if (r.status === "requested") {
      const actions = h("div", "floor-actions");
      const accept = h("button", "small", "Nhận, xếp cuối danh sách");
      accept.type = "button";
      accept.dataset.floorAccept = r.id;
      const decline = h("button", "small ghost", "Không nhận");
      decline.type = "button";
      decline.dataset.floorDecline = r.id;
      actions.append(accept, decline);
      li.append(actions);
    } else {
      li.append(h("div", "floor-state", r.status === "accepted" ? "Đã nhận vào danh sách phát biểu" : "Đã không nhận"));
    }
    return li;
  }

  function render() {
    const all = [...requests.values()].sort((a, b) => a.id - b.id);
    const waiting = all.filter((r) => r.status === "requested");
    const decided = all.filter((r) => r.status !== "requested").slice(-DECIDED_SHOWN).reverse();
    if (countEl) countEl.textContent = waiting.length ? "(" + waiting.length + " đang chờ)" : "";
    const rows = [...waiting, ...decided].map(row);
    list.replaceChildren(...(rows.length ? rows : [h("li", "muted", "Chưa có đại biểu đăng ký phát biểu.")]));
  }

  function load() {
    Promise.all([getJson("/api/events/" + eventId + "/programme"), getJson(api)]).then(([items, rows]) => {
      titles = Object.fromEntries(items.map((i) => [i.id, i.title]));
      requests.clear();
      rows.forEach((r) => requests.set(r.id, r));
      render();
    }).catch(() => {});
  }

  function decide(id, action, button) {
    button.disabled = true;
    postJson(api + "/" + id + "/" + action)
      .then((r) => { requests.set(r.id, r); render(); })
      .catch((e) => { button.disabled = false; showError(e.message); });
  }

  list.addEventListener("click", (e) => {
    const b = e.target.closest("button");
    if (b && b.dataset.floorAccept) decide(b.dataset.floorAccept, "accept", b);
    if (b && b.dataset.floorDecline) decide(b.dataset.floorDecline, "decline", b);
  });
  socket.on("connect", () => { socket.emit("watch_floor", { event_id: eventId }); load(); });
  if (socket.connected) { socket.emit("watch_floor", { event_id: eventId }); load(); }
  socket.on("floor_request", (r) => { requests.set(r.id, r); render(); });
}
