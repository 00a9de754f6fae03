/* The two vendored libraries that are not ES modules (static/vendor/, loaded as classic scripts before the
   modules): this is the one place that reads them from the global object, so no other module touches a global.
   On a page that does not load a library its export is undefined. */
export const io = globalThis.io;
export const jsQR = globalThis.jsQR;
