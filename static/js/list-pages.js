/* The organisers' list pages (honours, speeches): uploading a list file, and the buttons that change the list.
   After a change the page reloads to show the list as it now is; a refusal is shown with its reason. */
import { OFFLINE, postForm, postJson } from "./api.js";
import { h } from "./dom.js";

export function changeList(url, body) {
  return postJson(url, body).then(() => window.location.reload(), (e) => window.alert(e.message));
}

/* Shows what was imported (describe(answer)), or every problem with its row and column. */
export function listImport(form, url, out, describe) {
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    postForm(url, form)
      .then((data) => {
        out.replaceChildren(h("p", "flash ok", describe(data) + (data.notes && data.notes.length ? " " + data.notes.join(" ") : "")));
        setTimeout(() => window.location.reload(), 1500);
      })
      .catch((err) => {
        if (err.message === OFFLINE) out.textContent = OFFLINE;
        else out.replaceChildren(h("p", "flash error", err.message));
      });
  });
}
