/**
 * Stored text as the export writes it. The API refuses text XML cannot hold (shared/text-safety.ts), but the
 * export writes whatever the database holds, and a single U+FFFE in one association's name would make the
 * whole .xlsx not well-formed: Excel then offers to "repair" it and drops the sheet's contents. exceljs only
 * leaves out the C0 control characters; so every character XML 1.0 cannot hold (U+FFFE, U+FFFF, an unpaired
 * surrogate, a control character other than tab, line feed and carriage return) becomes U+FFFD, the
 * replacement character, which shows the reader that something was there rather than dropping it unseen.
 */

// XML 1.0's Char production: #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF].
// eslint-disable-next-line no-control-regex -- the control characters are what this finds
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const HAS_NOT_XML = new RegExp(NOT_XML.source);

export const REPLACEMENT = '\uFFFD';

/** The text with every character XML cannot hold replaced by U+FFFD; the same string when there is none. */
export function exportText(s: string): string;
export function exportText(s: string | null): string | null;
export function exportText(s: string | null): string | null {
  if (s === null || !HAS_NOT_XML.test(s)) return s;
  return s.replace(NOT_XML, REPLACEMENT);
}
