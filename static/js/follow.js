/* The follow page for phones: the current item and where it stands in the programme. Read-only. */
(function () {
  "use strict";
  var eventInfo = JSON.parse(document.getElementById("event-data").textContent);
  var titleEl = document.getElementById("now-title");
  var detailEl = document.getElementById("now-detail");

  function detail(screen) {
    if (screen.kind === "speaker") return "Tham luận: " + screen.name + " — " + screen.topic;
    if (screen.kind === "honours") return screen.award + " (trang " + screen.page + "/" + screen.pages + ")";
    if (screen.kind === "announcement") return "Thông báo: " + screen.text;
    if (screen.kind === "vote") return "Biểu quyết: " + screen.title;
    return "";
  }

  new LiveClient(eventInfo.id, {
    onState: function (state) {
      titleEl.textContent = state.item ? state.item.title : "Chưa bắt đầu";
      detailEl.textContent = detail(state.screen || {});
      document.querySelectorAll("#programme li").forEach(function (li) {
        li.classList.toggle("current", state.item && Number(li.dataset.itemId) === state.item.id);
      });
    },
    onConnection: function (up) { document.getElementById("offline").hidden = up; },
  });
})();
