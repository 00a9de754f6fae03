/* A list of people on the projector (honours recipients, vote nominees, exchange guests): each name large, its
   title and unit under it, numbered from `first`; and the page marker of a paged list. */
import { h } from "../dom.js";

export function peopleList(people, listClass, itemClass, first = 1) {
  const list = h("ol", listClass);
  list.start = first;
  for (const person of people) {
    const li = h("li", itemClass);
    li.appendChild(h("div", "r-name", person.name));
    const who = [person.title, person.unit].filter(Boolean).join(", ");
    if (who) li.appendChild(h("div", "r-unit", who));
    list.appendChild(li);
  }
  return list;
}

export function pageMarker(screen) {
  return screen.pages > 1 ? h("div", "page-marker", "Trang " + screen.page + "/" + screen.pages) : null;
}
