/* The organisers' speakers page: import the list, add one speaker, move or remove one. */
import { onEachClick, readJson } from "./dom.js";
import { changeList, listImport } from "./list-pages.js";

const api = "/api/events/" + readJson("event-data").id + "/speeches";
onEachClick("[data-move]", (d) => changeList(api + "/" + d.move + "/move", { offset: Number(d.offset) }));
onEachClick("[data-remove]", (d) => {
  if (window.confirm("Bỏ bài tham luận của " + d.name + "?")) changeList(api + "/" + d.remove + "/remove");
});
document.getElementById("add-form").addEventListener("submit", (e) => {
  e.preventDefault();
  const f = e.target.elements;  /* not the form itself: form.name and form.title are the form's own attributes */
  changeList(api, { name: f.name.value, title: f.title.value, unit: f.unit.value, topic: f.topic.value,
                    minutes: f.minutes.value, collective: f.collective.checked });
});
listImport(document.getElementById("import-form"), api + "/import", document.getElementById("import-result"),
  (data) => "Đã nhập: " + data.created + " mới, " + data.updated + " cập nhật"
    + (data.kept ? ", giữ lại " + data.kept + " không có trong tệp." : "."));
