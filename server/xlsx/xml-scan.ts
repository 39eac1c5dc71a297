/**
 * A pull scanner over the bytes of one XML part: tags one at a time, with element and attribute names resolved
 * to the namespaces the reader knows, whatever prefix a writer chose (`<x:c>` from the Open XML SDK, WPS).
 * Text is decoded only where a caller asks for it. No DTD is read and no entity but the five predefined ones
 * and character references is expanded, so a hostile part cannot grow while it is read.
 * Malformed markup throws XmlError; the part's reader turns it into a refusal naming the part.
 */

export const NS_NONE = 0;
export const NS_MAIN = 1;
export const NS_REL = 2;
export const NS_PKG_REL = 3;
export const NS_XML = 4;
export const NS_OTHER = 5;

const knownNamespaces = new Map<string, number>([
  ['http://schemas.openxmlformats.org/spreadsheetml/2006/main', NS_MAIN],
  ['http://purl.oclc.org/ooxml/spreadsheetml/main', NS_MAIN],
  // Excel 2007's beta wrote this one; its elements are those of the final format.
  ['http://schemas.microsoft.com/office/excel/2006/2', NS_MAIN],
  ['http://schemas.openxmlformats.org/officeDocument/2006/relationships', NS_REL],
  ['http://purl.oclc.org/ooxml/officeDocument/relationships', NS_REL],
  ['http://schemas.openxmlformats.org/package/2006/relationships', NS_PKG_REL],
  ['http://www.w3.org/XML/1998/namespace', NS_XML],
]);

export const OPEN = 1;
export const CLOSE = 2;
/** A self-closing tag, `<c r="A1"/>`. */
export const EMPTY = 3;
export const EOF = 0;

export class XmlError extends Error {}

interface Binding {
  prefix: string;
  ns: number;
  level: number;
}

export interface XmlCursor {
  readonly buf: Buffer;
  pos: number;
  /** Open elements around the position. */
  depth: number;
  /** The tag just read: OPEN, CLOSE, EMPTY or EOF. */
  kind: number;
  /** Where the tag just read begins (its `<`): what a writer patching the part in place needs. */
  tagStart: number;
  /** Its namespace (NS_*) and the byte range of its local name. */
  ns: number;
  nameStart: number;
  nameEnd: number;
  /** Its attributes: [qnameStart, colon (or -1), qnameEnd, valueStart, valueEnd] per attribute. */
  attrs: Int32Array;
  attrCount: number;
  bindings: Binding[];
}

const LT = 0x3c;
const GT = 0x3e;
const SLASH = 0x2f;
const COLON = 0x3a;
const EQ = 0x3d;
const QUOT = 0x22;
const APOS = 0x27;
const BANG = 0x21;
const QUESTION = 0x3f;

const isSpace = (b: number) => b === 0x20 || b === 0x0a || b === 0x09 || b === 0x0d;

export function openXml(bytes: Buffer): XmlCursor {
  let buf = bytes;
  // UTF-16 parts (rare, but allowed) are read as UTF-8 like every other.
  if (buf.length >= 2 && ((buf[0] === 0xff && buf[1] === 0xfe) || (buf[0] === 0xfe && buf[1] === 0xff))) {
    const le = buf[0] === 0xff;
    const body = Buffer.from(buf.subarray(2));
    if (!le) body.swap16();
    buf = Buffer.from(body.toString('utf16le'), 'utf8');
  }
  const start = buf.length >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf ? 3 : 0;
  return {
    buf,
    pos: start,
    depth: 0,
    kind: EOF,
    tagStart: 0,
    ns: NS_NONE,
    nameStart: 0,
    nameEnd: 0,
    attrs: new Int32Array(5 * 16),
    attrCount: 0,
    bindings: [{ prefix: 'xml', ns: NS_XML, level: -1 }],
  };
}

function fail(what: string): never {
  throw new XmlError(what);
}

function skipPast(cur: XmlCursor, from: number, marker: string): number {
  const at = cur.buf.indexOf(marker, from, 'latin1');
  if (at < 0) fail(`unterminated ${marker}`);
  return at + marker.length;
}

/** `<!DOCTYPE …>` with an internal subset in brackets: skipped whole, never expanded. */
function skipDoctype(cur: XmlCursor, from: number): number {
  const buf = cur.buf;
  let inSubset = false;
  for (let p = from; p < buf.length; p++) {
    const b = buf[p];
    if (b === QUOT || b === APOS) {
      const q = buf.indexOf(b, p + 1);
      if (q < 0) break;
      p = q;
    } else if (b === 0x5b) inSubset = true;
    else if (b === 0x5d) inSubset = false;
    else if (b === GT && !inSubset) return p + 1;
  }
  return fail('unterminated DOCTYPE');
}

function bytesEqual(buf: Buffer, start: number, end: number, s: string): boolean {
  if (end - start !== s.length) return false;
  for (let i = 0; i < s.length; i++) if (buf[start + i] !== s.charCodeAt(i)) return false;
  return true;
}

function resolvePrefix(cur: XmlCursor, start: number, colon: number): number {
  const b = cur.bindings;
  if (colon < 0) {
    for (let i = b.length - 1; i >= 0; i--) if (b[i].prefix === '') return b[i].ns;
    return NS_NONE;
  }
  for (let i = b.length - 1; i >= 0; i--) if (bytesEqual(cur.buf, start, colon, b[i].prefix)) return b[i].ns;
  // An undeclared prefix: not a namespace the reader knows.
  return NS_OTHER;
}

function popBindings(cur: XmlCursor): void {
  const b = cur.bindings;
  while (b.length > 1 && b[b.length - 1].level >= cur.depth) b.pop();
}

/** Reads the tag name at p; returns its end and sets the colon position. */
function readName(buf: Buffer, p: number): { end: number; colon: number } {
  let colon = -1;
  let q = p;
  for (; q < buf.length; q++) {
    const b = buf[q];
    if (b === GT || b === SLASH || isSpace(b) || b === EQ) break;
    if (b === COLON && colon < 0) colon = q;
  }
  if (q === p) fail('empty name');
  return { end: q, colon };
}

function readAttributes(cur: XmlCursor, p: number): number {
  const buf = cur.buf;
  let n = 0;
  for (;;) {
    while (p < buf.length && isSpace(buf[p])) p++;
    if (p >= buf.length) fail('unterminated tag');
    const b = buf[p];
    if (b === GT) {
      cur.kind = OPEN;
      cur.attrCount = n;
      return p + 1;
    }
    if (b === SLASH) {
      if (buf[p + 1] !== GT) fail('stray / in a tag');
      cur.kind = EMPTY;
      cur.attrCount = n;
      return p + 2;
    }
    const name = readName(buf, p);
    let q = name.end;
    while (q < buf.length && isSpace(buf[q])) q++;
    if (buf[q] !== EQ) fail('attribute without a value');
    q++;
    while (q < buf.length && isSpace(buf[q])) q++;
    const quote = buf[q];
    if (quote !== QUOT && quote !== APOS) fail('unquoted attribute');
    const close = buf.indexOf(quote, q + 1);
    if (close < 0) fail('unterminated attribute');
    if (n * 5 + 5 > cur.attrs.length) {
      const grown = new Int32Array(cur.attrs.length * 2);
      grown.set(cur.attrs);
      cur.attrs = grown;
    }
    const a = cur.attrs;
    a[n * 5] = p;
    a[n * 5 + 1] = name.colon;
    a[n * 5 + 2] = name.end;
    a[n * 5 + 3] = q + 1;
    a[n * 5 + 4] = close;
    n++;
    p = close + 1;
  }
}

/** Namespace declarations on the tag just read take effect for it and its children. */
function bindDeclarations(cur: XmlCursor, level: number): void {
  const a = cur.attrs;
  const buf = cur.buf;
  for (let i = 0; i < cur.attrCount; i++) {
    const s = a[i * 5];
    const colon = a[i * 5 + 1];
    const e = a[i * 5 + 2];
    const isDefault = colon < 0 && bytesEqual(buf, s, e, 'xmlns');
    const isPrefixed = colon >= 0 && bytesEqual(buf, s, colon, 'xmlns');
    if (!isDefault && !isPrefixed) continue;
    const uri = decodeText(buf, a[i * 5 + 3], a[i * 5 + 4]);
    const ns = uri === '' ? NS_NONE : (knownNamespaces.get(uri) ?? NS_OTHER);
    cur.bindings.push({ prefix: isDefault ? '' : buf.toString('latin1', colon + 1, e), ns, level });
  }
}

/**
 * Moves to the next tag (skipping text, comments, processing instructions, CDATA and DOCTYPE) and returns its
 * kind. Text between tags is left for `readText`.
 */
export function nextTag(cur: XmlCursor): number {
  const buf = cur.buf;
  popBindings(cur);
  for (;;) {
    const lt = buf.indexOf(LT, cur.pos);
    if (lt < 0 || lt + 1 >= buf.length) {
      cur.pos = buf.length;
      cur.kind = EOF;
      return EOF;
    }
    const b = buf[lt + 1];
    if (b === QUESTION) {
      cur.pos = skipPast(cur, lt + 2, '?>');
      continue;
    }
    if (b === BANG) {
      if (buf[lt + 2] === 0x2d && buf[lt + 3] === 0x2d) cur.pos = skipPast(cur, lt + 4, '-->');
      else if (bytesEqual(buf, lt + 2, lt + 9, '[CDATA[')) cur.pos = skipPast(cur, lt + 9, ']]>');
      else cur.pos = skipDoctype(cur, lt + 2);
      continue;
    }
    if (b === SLASH) {
      const name = readName(buf, lt + 2);
      let p = name.end;
      while (p < buf.length && isSpace(buf[p])) p++;
      if (buf[p] !== GT) fail('unterminated end tag');
      if (cur.depth === 0) fail('end tag without a start');
      cur.tagStart = lt;
      cur.depth--;
      cur.kind = CLOSE;
      cur.attrCount = 0;
      cur.ns = resolvePrefix(cur, lt + 2, name.colon);
      cur.nameStart = name.colon < 0 ? lt + 2 : name.colon + 1;
      cur.nameEnd = name.end;
      cur.pos = p + 1;
      return CLOSE;
    }
    const name = readName(buf, lt + 1);
    cur.tagStart = lt;
    cur.pos = readAttributes(cur, name.end);
    const level = cur.depth;
    if (cur.attrCount > 0) bindDeclarations(cur, level);
    cur.ns = resolvePrefix(cur, lt + 1, name.colon);
    cur.nameStart = name.colon < 0 ? lt + 1 : name.colon + 1;
    cur.nameEnd = name.end;
    // An EMPTY tag's declarations end with it: popBindings drops them on the next call (level >= depth).
    if (cur.kind === OPEN) cur.depth++;
    return cur.kind;
  }
}

/** Is the tag just read the element `local` of the spreadsheet namespace (or of none, for writers that leave it out)? */
export function isMain(cur: XmlCursor, local: string): boolean {
  return (cur.ns === NS_MAIN || cur.ns === NS_NONE) && bytesEqual(cur.buf, cur.nameStart, cur.nameEnd, local);
}

export function isElement(cur: XmlCursor, ns: number, local: string): boolean {
  return cur.ns === ns && bytesEqual(cur.buf, cur.nameStart, cur.nameEnd, local);
}

/** The attribute's index among the tag's attributes, or -1. Unprefixed attributes are in no namespace. */
export function findAttr(cur: XmlCursor, local: string, ns: number = NS_NONE): number {
  const a = cur.attrs;
  for (let i = 0; i < cur.attrCount; i++) {
    const colon = a[i * 5 + 1];
    const s = colon < 0 ? a[i * 5] : colon + 1;
    if (!bytesEqual(cur.buf, s, a[i * 5 + 2], local)) continue;
    const attrNs = colon < 0 ? NS_NONE : resolvePrefix(cur, a[i * 5], colon);
    if (attrNs === ns) return i;
  }
  return -1;
}

export function attr(cur: XmlCursor, local: string, ns: number = NS_NONE): string | null {
  const i = findAttr(cur, local, ns);
  return i < 0 ? null : decodeText(cur.buf, cur.attrs[i * 5 + 3], cur.attrs[i * 5 + 4]);
}

/** An attribute's value as a non-negative integer, without making a string; -1 when absent or not one. */
export function attrUint(cur: XmlCursor, local: string): number {
  const i = findAttr(cur, local);
  if (i < 0) return -1;
  return parseUint(cur.buf, cur.attrs[i * 5 + 3], cur.attrs[i * 5 + 4]);
}

export function parseUint(buf: Buffer, start: number, end: number): number {
  let s = start;
  let e = end;
  while (s < e && isSpace(buf[s])) s++;
  while (e > s && isSpace(buf[e - 1])) e--;
  if (s === e || e - s > 15) return -1;
  let n = 0;
  for (let p = s; p < e; p++) {
    const d = buf[p] - 0x30;
    if (d < 0 || d > 9) return -1;
    n = n * 10 + d;
  }
  return n;
}

/** "1", "true" (and their like) are true for an xsd:boolean attribute. */
export function attrTrue(cur: XmlCursor, local: string): boolean {
  const v = attr(cur, local);
  return v !== null && (v.trim() === '1' || v.trim().toLowerCase() === 'true');
}

const entity = /&(?:#x([0-9a-fA-F]{1,6})|#([0-9]{1,7})|(amp|lt|gt|quot|apos));/g;
const named: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function expand(_m: string, hex: string | undefined, dec: string | undefined, name: string | undefined): string {
  if (name) return named[name];
  const cp = hex ? parseInt(hex, 16) : Number(dec);
  return cp <= 0x10ffff ? String.fromCodePoint(cp) : _m;
}

/** Text as XML means it: entities expanded and line ends (CR LF, CR) read as LF. */
export function decodeText(buf: Buffer, start: number, end: number): string {
  let s = buf.toString('utf8', start, end);
  if (s.includes('\r')) s = s.replace(/\r\n?/g, '\n');
  if (s.includes('&')) s = s.replace(entity, expand);
  return s;
}

/**
 * The text content of the element whose OPEN tag was just read, up to and including its end tag; child
 * elements are skipped (their text is not the element's). After it the cursor is past the end tag.
 */
export function readText(cur: XmlCursor): string {
  const buf = cur.buf;
  const depth = cur.depth;
  let text = '';
  for (;;) {
    const lt = buf.indexOf(LT, cur.pos);
    if (lt < 0) fail('unterminated element');
    if (lt > cur.pos) text += decodeText(buf, cur.pos, lt);
    if (bytesEqual(buf, lt + 1, lt + 9, '![CDATA[')) {
      const end = buf.indexOf(']]>', lt + 9, 'latin1');
      if (end < 0) fail('unterminated CDATA');
      text += buf.toString('utf8', lt + 9, end);
      cur.pos = end + 3;
      continue;
    }
    if (buf[lt + 1] === BANG && buf[lt + 2] === 0x2d) {
      cur.pos = skipPast(cur, lt + 2, '-->');
      continue;
    }
    if (buf[lt + 1] === QUESTION) {
      cur.pos = skipPast(cur, lt + 2, '?>');
      continue;
    }
    cur.pos = lt;
    const kind = nextTag(cur);
    if (kind === CLOSE && cur.depth === depth - 1) return text;
    if (kind === OPEN) skipElement(cur);
    else if (kind === CLOSE) fail('mismatched end tag');
  }
}

/** Skips the children of the element whose OPEN tag was just read, and its end tag. */
export function skipElement(cur: XmlCursor): void {
  const depth = cur.depth;
  while (cur.depth >= depth) {
    if (nextTag(cur) === EOF) fail('unterminated element');
  }
}
