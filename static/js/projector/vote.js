/* The projector's vote slides (API.md "Votes"), drawn from the live state's vote screen by its `stage`:
   "nominees": the nominees paged like the honours; "open": how many have voted of those entitled (never a
   running result); "result": the figures, the rule in words and the verdict. */
import { h } from "../dom.js";
import { pageMarker, peopleList } from "./people.js";

const percent = new Intl.NumberFormat("vi-VN", { maximumFractionDigits: 2 });

function share(count, of) {
  return of ? percent.format((count * 100) / of) + "%" : "";
}

function nomineesStage(screen, box) {
  box.appendChild(h("div", "vote-subtitle", "Danh sách giới thiệu · " + (screen.nominee_count || 0) + " người"));
  // a handful of nominees: one column, larger (two columns for a longer list)
  const nominees = screen.nominees || [];
  box.appendChild(peopleList(nominees, nominees.length <= 3 ? "recipients nominees few" : "recipients nominees",
                             "recipient", screen.first || 1));
  const marker = pageMarker(screen);
  if (marker) box.appendChild(marker);
}

function openStage(screen, box) {
  box.appendChild(h("div", "vote-method", screen.method_text));
  const figure = h("div", "vote-progress");
  if (screen.method === "electronic") {
    figure.appendChild(h("span", "vote-received", String(screen.received)));
    figure.appendChild(h("span", "vote-of", "/" + screen.entitled));
    box.appendChild(figure);
    box.appendChild(h("div", "vote-progress-words", screen.received + "/" + screen.entitled + " đã biểu quyết"));
  } else {
    figure.appendChild(h("span", "vote-received", String(screen.entitled)));
    box.appendChild(figure);
    box.appendChild(h("div", "vote-progress-words", "Số đại biểu có mặt được biểu quyết: " + screen.entitled));
  }
}

function resultStage(screen, box) {
  const counts = screen.counts || { for: 0, against: 0, abstain: 0 };
  const base = screen.rule === "half_all" ? screen.listed : screen.entitled;
  const table = h("div", "vote-figures");
  for (const [key, words] of [["for", "Tán thành"], ["against", "Không tán thành"], ["abstain", "Không biểu quyết"]]) {
    const row = h("div", "vote-row " + key);
    row.appendChild(h("span", "vote-label", words));
    row.appendChild(h("span", "vote-count", String(counts[key])));
    row.appendChild(h("span", "vote-share", share(counts[key], base)));
    table.appendChild(row);
  }
  box.appendChild(table);
  const basis = screen.rule === "half_all"
    ? "Tổng số đại biểu được triệu tập: " + screen.listed
    : "Số đại biểu có mặt: " + screen.entitled;
  box.appendChild(h("div", "vote-rule", screen.rule_text + " · " + basis));
  const passed = screen.verdict === "passed";
  box.appendChild(h("div", "vote-verdict " + (passed ? "passed" : "failed"),
    passed ? "Đại hội thông qua" : "Không thông qua"));
}

/* The slide for a `vote` screen. */
export function voteSlide(screen) {
  const stage = screen.stage || "nominees";
  const box = h("div", "slide vote stage-" + stage);
  box.dataset.stage = stage;
  box.appendChild(h("div", "eyebrow", "Biểu quyết"));
  box.appendChild(h("div", "fit vote-title", screen.title));
  if (stage === "open") openStage(screen, box);
  else if (stage === "result") resultStage(screen, box);
  else nomineesStage(screen, box);
  return box;
}
