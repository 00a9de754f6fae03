/* The organisers' honours page: import the list, move groups and people, confirm a doubtful link. */
import { onEachClick, readJson } from "./dom.js";
import { changeList, listImport } from "./list-pages.js";

const api = "/api/events/" + readJson("event-data").id + "/honours";
onEachClick("[data-group-move]", (d) => changeList(api + "/groups/" + d.groupMove + "/move", { offset: Number(d.offset) }));
onEachClick("[data-group-sort]", (d) => changeList(api + "/groups/" + d.groupSort + "/sort"));
onEachClick("[data-honour-move]", (d) => changeList(api + "/" + d.honourMove + "/move", { offset: Number(d.offset) }));
onEachClick("[data-link]", (d) => changeList(api + "/" + d.link + "/delegate", { delegate_id: Number(d.delegate) }));
listImport(document.getElementById("import-form"), api + "/import", document.getElementById("import-result"),
  (data) => "Đã nhập: " + data.created + " mới, " + data.updated + " cập nhật, " + data.linked + " gắn với đại biểu"
    + (data.doubtful ? ", " + data.doubtful + " cần xác nhận." : "."));
