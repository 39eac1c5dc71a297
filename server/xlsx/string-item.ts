/**
 * The text of a shared string (`<si>`) or an inline string (`<is>`): plain `<t>`, rich runs `<r><t>`, or both
 * (Excel 2010 writes a rich run after plain text), joined; phonetic guides (`<rPh>`) are not part of the value.
 */
import { CLOSE, EOF, isMain, nextTag, OPEN, openXml, readText, skipElement, XmlError, type XmlCursor } from './xml-scan';

const escaped = /_x([0-9A-Fa-f]{4})_/g;

/** Excel writes characters XML cannot hold as `_xHHHH_` (and a literal `_x` as `_x005F_x`). */
export function unescapeXstring(s: string): string {
  if (!s.includes('_x')) return s;
  return s.replace(escaped, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

/** Reads the children of the `<si>` or `<is>` whose OPEN tag was just read, through its end tag. */
export function readStringItem(cur: XmlCursor): string {
  const depth = cur.depth;
  let text = '';
  for (;;) {
    const k = nextTag(cur);
    if (k === EOF) throw new XmlError('unterminated string item');
    if (k === CLOSE) {
      if (cur.depth === depth - 1) return unescapeXstring(text);
      continue;
    }
    if (k !== OPEN) continue;
    // A run's children are read here too: its <t> is text, its <rPr> is not.
    if (isMain(cur, 't')) text += readText(cur);
    else if (!isMain(cur, 'r')) skipElement(cur);
  }
}

/** xl/sharedStrings.xml: every `<si>` in order (`<sstItem>` in files from Excel 2007's beta). */
export function parseSharedStrings(bytes: Buffer): string[] {
  const cur = openXml(bytes);
  const out: string[] = [];
  for (let k = nextTag(cur); k !== EOF; k = nextTag(cur)) {
    if (!isMain(cur, 'si') && !isMain(cur, 'sstItem')) continue;
    if (k === OPEN) out.push(readStringItem(cur));
    else if (k !== CLOSE) out.push('');
  }
  return out;
}
