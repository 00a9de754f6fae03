/* The handheld scanner is a keyboard that types fast: every key of a code arrives within a few milliseconds
   of the one before, then Enter. ScanDetector is fed every keydown of the page (before the focused element sees
   it) and says when a burst ending in Enter was a scan, whatever had the focus; a person typing (keys far apart)
   is left alone. Keys are read as the physical key (event.code) whenever the browser's key is not plain ASCII, so
   a Vietnamese input method composing on top (ibus/macOS Telex, VNI) cannot change the code; a code that still
   arrives rewritten (Unikey on Windows replaces keys before the browser sees them) is reported as `altered`, so
   the page can say what to do instead of a silent "unknown code". Pure logic: no DOM, tested with `node --test`. */
export const SCAN_GAP_MS = 50;    // a scanner's keys: this far apart on average, at most
export const MAX_GAP_MS = 120;    // and no single gap longer (a busy tablet may deliver one key late)
export const MIN_SCAN = 4;

/** The character a key stands for on a US layout, or null for a key that types none. */
export function keyChar(e) {
  if (e.key.length === 1 && e.key.charCodeAt(0) > 32 && e.key.charCodeAt(0) < 127) return e.key;
  const code = e.code || "";
  const upper = e.shiftKey !== Boolean(e.getModifierState && e.getModifierState("CapsLock"));
  if (/^Key[A-Z]$/.test(code)) return upper ? code.slice(3) : code.slice(3).toLowerCase();
  if (/^(Digit|Numpad)[0-9]$/.test(code)) return code.slice(-1);
  if (code === "Minus") return e.shiftKey ? "_" : "-";
  return null;
}

function textValue(target) {
  return target && (target.tagName === "INPUT" || target.tagName === "TEXTAREA") ? target.value : null;
}

export class ScanDetector {
  constructor() {
    this.burst = null;   // { text, start, last, keys, target, before, altered }
  }

  /** One keydown `e`, with `target` the element that has the focus. Returns null (not the end of a scan: let the
      key do its usual work) or the scan it ends: {text, altered, target, before}, `before` being the text the
      target held before the burst typed into it (null when it is not a text box). */
  keydown(e, target) {
    if (e.ctrlKey || e.altKey || e.metaKey) { this.burst = null; return null; }
    if (e.key === "Shift" || e.key === "CapsLock") return null;
    const burst = this.burst;
    const fresh = burst !== null && e.timeStamp - burst.last <= MAX_GAP_MS;
    if (e.key === "Enter") {
      this.burst = null;
      const fast = fresh && burst.text.length >= MIN_SCAN && (e.timeStamp - burst.start) / burst.keys <= SCAN_GAP_MS;
      return fast ? { text: burst.text, altered: burst.altered, target: burst.target, before: burst.before } : null;
    }
    if (!fresh) {
      this.burst = { text: "", start: e.timeStamp, last: e.timeStamp, keys: 0, target: target,
                     before: textValue(target), altered: false };
    }
    const current = this.burst;
    current.last = e.timeStamp;
    current.keys += 1;
    if (e.key === "Backspace") return null;   // an input method's rewrite inside a burst (its new letter follows)
    const ch = keyChar(e);
    if (ch === null) current.altered = current.altered || e.key.length === 1;
    else current.text += ch;
    return null;
  }
}
