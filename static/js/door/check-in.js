/* Checking a badge in: sent to the server; when the server is out of reach the tablet checks it in against the
   delegate list it holds and queues the scan (with its time and an id, so a resend is never counted twice), sent
   when it is back. */
import { retryLater } from "../api.js";
import { vnTime } from "../dom.js";
import { newScanId } from "../on-device.js";

/** Returns { checkIn(code) -> Promise, checkInFound(delegate) -> Promise, flush() }. A delegate found by name is
    sent by id (`delegate_id`): the tablet is never given badge codes. */
export function mountCheckIn({ roster, queue, sendScan, network, show, greens, doorEl }) {
  /* Checks in on the tablet itself (the server out of reach or unable to answer now) and queues the scan, with the
     scan_id it was first sent with if any: the server recognises a scan it did take before failing to answer. */
  function offlineScan(scan) {
    if (scan.delegate_id) return Promise.resolve(recogniseOffline(scan, roster.byId(scan.delegate_id)));
    return roster.find(scan.code).then(function (d) { recogniseOffline(scan, d); });
  }

  function recogniseOffline(scan, d) {
    const seen = scan.code || "id:" + scan.delegate_id;   // what a second scan of the same person is known by
    if (d === undefined) return takeOnTrust(scan);
    if (!d) return show({ result: "unknown_code", message: "Mã không có trong danh sách đại biểu (đang ngoại tuyến)." });
    if (d.revoked) return show({ result: "revoked", delegate: d, message: "Thẻ này đã bị thu hồi. Mời đại biểu gặp Ban tổ chức." });
    if (d.checked_in_at) {
      if (greens.repeatOf(seen)) return show(greens.repeatOf(seen));
      return show({ result: "already_checked_in", delegate: d,
                    message: "Đại biểu đã điểm danh lúc " + vnTime(d.checked_in_at) + "." });
    }
    const now = new Date().toISOString();
    d.checked_in_at = now;
    roster.save();
    queue.add({ ...scan, scanned_at: now });
    network.setNetwork(false);
    const answer = { result: "queued", delegate: d, message: "Đã ghi nhận trên máy (ngoại tuyến); sẽ gửi khi có mạng." };
    greens.remember(seen, answer);
    show(answer);
  }

  /* No Web Crypto on this page (plain http from another machine): the list cannot be searched, the scan is queued
     without a name, and the server decides when it is back. */
  function takeOnTrust(scan) {
    queue.add({ ...scan, scanned_at: new Date().toISOString() });
    network.setNetwork(false);
    show({ result: "queued", message: "Đã ghi nhận trên máy (ngoại tuyến), chưa đối chiếu được thẻ; sẽ gửi khi có mạng." });
  }

  function send(scan) {
    const seen = scan.code || "id:" + scan.delegate_id;
    return sendScan(scan).then(function (answer) {
      network.setNetwork(true);
      const known = answer.delegate && roster.byId(answer.delegate.id);
      if (known && answer.checked_in_at) known.checked_in_at = answer.checked_in_at;
      const again = answer.result === "already_checked_in" ? greens.repeatOf(seen) : null;
      if (!again) greens.remember(seen, answer);
      show(again || answer);
      flush();
    }).catch(function (e) {
      if (retryLater(e)) return offlineScan(scan);
      else show({ result: "error", message: e.message });
    });
  }

  function checkIn(code) {
    return send({ scan_id: newScanId(), code: code, door: doorEl.value.trim() });
  }

  function checkInFound(delegate) {
    return send({ scan_id: newScanId(), delegate_id: delegate.id, door: doorEl.value.trim() });
  }

  function flush() {
    queue.flush().then(function (reached) { if (reached !== null) network.setNetwork(reached); });
  }

  return { checkIn, checkInFound, flush };
}
