/* What the door tablet keeps on itself, in localStorage: its door's name (for every event), and per event the
   hashed delegate list and the queue of offline scans (door/roster.js, door/scan-queue.js). */
import { keptUnder } from "../on-device.js";

/** The door field remembers what the usher typed. */
export function rememberDoor(doorEl) {
  doorEl.value = localStorage.getItem("kiosk-door") || doorEl.value;
  doorEl.addEventListener("change", function () { localStorage.setItem("kiosk-door", doorEl.value.trim()); });
}

/** { load(key, fallback), save(key, value) } under the event's prefix. */
export function doorStorage(eventId) {
  const store = "kiosk-door-" + eventId + "-";
  localStorage.removeItem(store + "roster");   // a list kept before issue 20, with the badge codes in clear
  return keptUnder(store);
}
