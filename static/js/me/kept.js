/* The delegate's page keeps the last answer of GET /api/me/{token} on the phone, so a page reloaded without Wi-Fi
   shows the last one it had. `storage` is localStorage in the page (any { getItem, setItem } in the tests). */

export function keeper(storage, key) {
  function kept() { try { return JSON.parse(storage.getItem(key)); } catch (e) { return null; } }
  function keep(answer) { try { storage.setItem(key, JSON.stringify(answer)); } catch (e) { /* full: fine */ } }

  /* The page as the server rendered it, or the answer kept on the phone if that is newer (a copy of the page
     opened offline from the service worker is older than the last answer seen). */
  function newest(fromPage) {
    const saved = kept();
    if (saved && saved.as_of && (!fromPage.as_of || Date.parse(saved.as_of) > Date.parse(fromPage.as_of))) return saved;
    keep(fromPage);
    return fromPage;
  }

  return { keep, newest };
}
