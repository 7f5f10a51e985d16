// Paging beyond startIndex/count: RFC 9865 cursors over keyset queries.
export { CursorCodec, type CursorKeyOptions, type CursorScope, type CursorState } from "./cursor.js";
export { cursorPage, type CursorPage, type CursorSettings } from "./paging.js";
