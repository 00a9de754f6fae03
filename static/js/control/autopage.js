/* A long honours group pages by itself on the projector: the panel says when, and lets the MC pause it. */

/** Returns { update(state) } (update() again with no state counts the seconds down). */
export function mountAutoPage(autoPageSeconds, send) {
  const autoEl = document.getElementById("autopage");
  const autoText = document.getElementById("autopage-text");
  const autoButton = document.getElementById("autopage-toggle");
  let state = null;

  function update(next) {
    if (next !== undefined) state = next;
    const s = state && state.screen;
    const seconds = Number(autoPageSeconds) || 0;
    const pages = s && s.kind === "honours" && s.pages > 1 && s.page < s.pages;
    autoEl.hidden = !(pages && seconds > 0);
    if (autoEl.hidden) return;
    if (s.auto === false) {
      autoText.textContent = "Trang " + s.page + "/" + s.pages + " · đã tạm dừng tự chuyển trang";
      autoButton.textContent = "Tiếp tục tự chuyển";
    } else {
      const left = Math.max(0, Math.ceil((Date.parse(state.updated_at) + seconds * 1000 - Date.now()) / 1000));
      autoText.textContent = "Trang " + s.page + "/" + s.pages + " · tự chuyển trang sau " + left + " giây";
      autoButton.textContent = "Tạm dừng tự chuyển";
    }
  }

  autoButton.addEventListener("click", () => {
    const s = state.screen;
    send("screen", { kind: "honours", group_id: s.group_id, page: s.page, auto: s.auto === false });
  });

  return { update };
}
