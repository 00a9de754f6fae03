/* The projector's vote slides (API.md "Votes"), drawn from the live state's vote screen:
   stage "nominees": the nominees paged like the honours; "open": how many have voted of those entitled (never a
   running result); "result": the figures, the rule in words and the verdict. */

function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined && text !== null) node.textContent = text;  // textContent: a name can never run script
  return node;
}

const percent = new Intl.NumberFormat("vi-VN", { maximumFractionDigits: 2 });

function share(count, of) {
  return of ? percent.format((count * 100) / of) + "%" : "";
}

function nomineesStage(screen, box) {
  box.appendChild(el("div", "vote-subtitle", "Danh sách giới thiệu · " + screen.nominee_count + " người"));
  const list = el("ol", "recipients nominees");
  list.start = screen.first || 1;
  for (const n of screen.nominees || []) {
    const li = el("li", "recipient");
    li.appendChild(el("div", "r-name", n.name));
    const who = [n.title, n.unit].filter(Boolean).join(", ");
    if (who) li.appendChild(el("div", "r-unit", who));
    list.appendChild(li);
  }
  box.appendChild(list);
  if (screen.pages > 1) box.appendChild(el("div", "page-marker", "Trang " + screen.page + "/" + screen.pages));
}

function openStage(screen, box) {
  box.appendChild(el("div", "vote-method", screen.method_text));
  const figure = el("div", "vote-progress");
  if (screen.method === "electronic") {
    figure.appendChild(el("span", "vote-received", String(screen.received)));
    figure.appendChild(el("span", "vote-of", "/" + screen.entitled));
    box.appendChild(figure);
    box.appendChild(el("div", "vote-progress-words", screen.received + "/" + screen.entitled + " đã biểu quyết"));
  } else {
    figure.appendChild(el("span", "vote-received", String(screen.entitled)));
    box.appendChild(figure);
    box.appendChild(el("div", "vote-progress-words", "Số đại biểu có mặt được biểu quyết: " + screen.entitled));
  }
}

function resultStage(screen, box) {
  const counts = screen.counts || { for: 0, against: 0, abstain: 0 };
  const base = screen.rule === "half_all" ? screen.listed : screen.entitled;
  const table = el("div", "vote-figures");
  for (const [key, words] of [["for", "Tán thành"], ["against", "Không tán thành"], ["abstain", "Không biểu quyết"]]) {
    const row = el("div", "vote-row " + key);
    row.appendChild(el("span", "vote-label", words));
    row.appendChild(el("span", "vote-count", String(counts[key])));
    row.appendChild(el("span", "vote-share", share(counts[key], base)));
    table.appendChild(row);
  }
  box.appendChild(table);
  const basis = screen.rule === "half_all"
    ? "Tổng số đại biểu được triệu tập: " + screen.listed
    : "Số đại biểu có mặt: " + screen.entitled;
  box.appendChild(el("div", "vote-rule", screen.rule_text + " · " + basis));
  const passed = screen.verdict === "passed";
  box.appendChild(el("div", "vote-verdict " + (passed ? "passed" : "failed"),
    passed ? "Đại hội thông qua" : "Không thông qua"));
}

/** The slide for a `vote` screen: an element the projector swaps in like its other slides. */
export function voteSlide(screen) {
  const stage = screen.stage || "nominees";
  const box = el("div", "slide vote stage-" + stage);
  box.dataset.stage = stage;
  box.appendChild(el("div", "eyebrow", "Biểu quyết"));
  box.appendChild(el("div", "fit vote-title", screen.title));
  if (stage === "open") openStage(screen, box);
  else if (stage === "result") resultStage(screen, box);
  else nomineesStage(screen, box);
  return box;
}
