/* A scan sent to the server with a deadline: a server that has stopped answering (frozen, or the Wi-Fi gone while
   the connection looks open) would otherwise hold the scan, and the delegate at the door, for minutes. */
import { csrfToken, request } from "../api.js";

/* Scans sent and not answered yet: they count as waiting once an answer is slower than a working server's. */
const SLOW_MS = 1000;
const ANSWER_MS = 5000;     // no answer to a scan by then: the tablet takes it itself (queued with its scan_id)

/** Returns sendScan(scan, count = true); count: false for a queued scan, already counted in the queue. */
export function scanSender(api, network) {
  return function sendScan(scan, count = true) {
    let slow = false;
    const timer = count ? setTimeout(function () { slow = true; network.slowStarted(); }, SLOW_MS) : null;
    const done = function () { clearTimeout(timer); if (slow) network.slowEnded(); };
    return request(api + "/checkin", {
      method: "POST", headers: { "Content-Type": "application/json", "X-CSRFToken": csrfToken() },
      body: JSON.stringify(scan), signal: AbortSignal.timeout ? AbortSignal.timeout(ANSWER_MS) : undefined,
    }).then(function (answer) { done(); return answer; }, function (e) { done(); throw e; });
  };
}
