/* What the door's card says for each answer of a scan (its colour, title, icon and tone), and the memory of the
   last green check-in, so the same badge again within a few seconds shows that green card again. Pure logic: no
   DOM, tested with `node --test`. */
export const COLOURS = { checked_in: "green", already_checked_in: "amber", queued: "green", undone: "amber" };
export const TITLES = {
  checked_in: "Chào mừng đại biểu", already_checked_in: "Đã điểm danh trước đó",
  unknown_code: "Mã không hợp lệ", wrong_event: "Không đúng sự kiện", revoked: "Thẻ đã bị thu hồi",
  queued: "Chào mừng đại biểu", undone: "Đã huỷ điểm danh", error: "Không điểm danh được",
};

/* Each answer carries an icon and a sound of its own as well as its colour (issue 26): a colour-blind volunteer,
   or one looking at the next delegate, still tells a welcome from a refusal. */
export const ICONS = { green: "✓", amber: "!", red: "✕" };
export const TONES = { green: [[880, 0.12]], amber: [[660, 0.12], [660, 0.12]], red: [[220, 0.45]] };

/** The card's colour: red for every refusal and error. */
export function colourOf(result) { return COLOURS[result] || "red"; }

/** A refusal clears by itself: the next delegate does not read it as theirs. */
export function clearsItself(result) { return !COLOURS[result]; }

export function titleOf(result) { return TITLES[result] || result; }

/** "title · unit" of a delegate, without the missing parts. */
export function detailOf(d) { return [d.title, d.unit].filter(Boolean).join(" · "); }

/** The seat is shown on a welcome only. */
export function seatShown(answer) {
  const d = answer.delegate;
  return !!(d && d.place && (answer.result === "checked_in" || answer.result === "queued"));
}

/** The delegate whose check-in the usher may undo from this card, or null. */
export function undoable(answer) {
  const d = answer.delegate;
  return d && (answer.result === "checked_in" || answer.result === "already_checked_in") ? d : null;
}

/* The same badge again within a few seconds on this tablet (a scanner that fires twice, a delegate who scans
   once more to be sure): the green card of that check-in again, not the amber "checked in before" that suggests
   someone else used the badge. */
export const REPEAT_MS = 8000;

export class GreenMemory {
  constructor(repeatMs = REPEAT_MS, now = Date.now) {
    this.repeatMs = repeatMs;
    this.now = now;
    this.last = null;   // { code, at, answer }
  }

  /** The green answer given to `code` less than repeatMs ago, or null. */
  repeatOf(code) {
    const last = this.last;
    return last && last.code === code && this.now() - last.at < this.repeatMs ? last.answer : null;
  }

  /** Kept only when the answer is a welcome. */
  remember(code, answer) {
    if (answer.result === "checked_in" || answer.result === "queued") this.last = { code: code, at: this.now(), answer: answer };
  }

  /** Undone: scanning the badge again is a new check-in, shown as such. */
  forget() { this.last = null; }
}
