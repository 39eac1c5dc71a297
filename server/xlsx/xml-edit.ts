/**
 * Edits of an XML part in place: byte ranges replaced with new text, everything between them kept as it was.
 * What `validate --fix` uses to change a few cells without rewriting (and so losing) the rest of a part.
 */
import type { XmlCursor } from './xml-scan';

export interface XmlEdit {
  start: number;
  end: number;
  text: string;
}

/** The part with the edits applied; edits must not overlap (two at the same point keep their order). */
export function applyEdits(buf: Buffer, edits: readonly XmlEdit[]): Buffer {
  const sorted = edits.map((e, i) => ({ ...e, i })).sort((a, b) => a.start - b.start || a.i - b.i);
  const chunks: Buffer[] = [];
  let at = 0;
  for (const e of sorted) {
    if (e.start < at) throw new Error('overlapping XML edits');
    chunks.push(buf.subarray(at, e.start), Buffer.from(e.text, 'utf8'));
    at = e.end;
  }
  chunks.push(buf.subarray(at));
  return Buffer.concat(chunks);
}

/** The prefix of the tag just read, with its colon ("x:"), or "" — new elements beside it use the same. */
export function prefixOf(cur: XmlCursor): string {
  const start = cur.buf[cur.tagStart + 1] === 0x2f ? cur.tagStart + 2 : cur.tagStart + 1;
  return cur.buf.toString('latin1', start, cur.nameStart);
}

// Characters XML 1.0 cannot hold: Excel writes them as _xHHHH_, and a literal _xHHHH_ with its _ escaped.
// eslint-disable-next-line no-control-regex
const notInXml = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function escapeXml(s: string): string {
  return s
    .replace(/_(x[0-9A-Fa-f]{4}_)/g, '_x005F_$1')
    .replace(notInXml, (ch) => `_x${ch.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}_`)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

/** Where the attribute `i` of the tag just read begins (its leading space) and ends (after its closing quote). */
export function attrSpan(cur: XmlCursor, i: number): { start: number; end: number } {
  let start = cur.attrs[i * 5];
  while (start > 0 && /\s/.test(String.fromCharCode(cur.buf[start - 1]))) start--;
  return { start, end: cur.attrs[i * 5 + 4] + 1 };
}

/** Where the tag just read ends its attributes: before `/>` or `>`, where a new attribute goes. */
export function attrInsertPoint(cur: XmlCursor, selfClosing: boolean): number {
  return cur.pos - (selfClosing ? 2 : 1);
}
