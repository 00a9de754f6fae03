/* What a phone says about the projector's screen under the current item, in a line: the follow page and the
   delegate's own page say it the same way. */
export function screenDetail(screen) {
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
  return screen.label || "";  // a kind this list does not name says itself (display/slides.py)
}
