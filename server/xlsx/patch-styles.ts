/**
 * xl/styles.xml for `validate --fix`: a cell that gets a number format gets a cell style that is its old one
 * with that format. The style is added (and the format, where the part has no such code) after the existing
 * ones, so every style index the sheets already use keeps meaning what it meant.
 */
import { builtInFormat } from './styles-part';
import { applyEdits, attrInsertPoint, attrSpan, escapeXml, prefixOf, type XmlEdit } from './xml-edit';
import { attr, attrUint, CLOSE, EMPTY, EOF, findAttr, isMain, nextTag, OPEN, openXml, skipElement } from './xml-scan';

interface Xf {
  /** The xf element's bytes with its numFmtId value and applyNumberFormat taken out, as a template. */
  build: (numFmtId: number) => string;
  numFmtId: number;
}

export interface StylesPatch {
  /** The number format code of each style index. */
  formatOf: (style: number) => string;
  /** The index of a style that is `style` with the format `code`; `style` itself where it has it already. */
  styleWith: (style: number, code: string) => number;
  /** The part with the added styles and formats, or null when nothing was added. */
  finish: () => Buffer | null;
}

// Built-in ids whose code is that code everywhere (the East Asian dates are shown in the locale's way).
const fixedBuiltIns = [...Array(23).keys(), ...Array.from({ length: 13 }, (_, k) => 37 + k)];

export function patchStyles(bytes: Buffer): StylesPatch | null {
  const cur = openXml(bytes);
  const buf = cur.buf;
  const custom = new Map<number, string>();
  const taken = new Set<number>();
  const xfs: Xf[] = [];
  let prefix = '';
  let rootOpenEnd = -1;
  let numFmts: { close: number; count: { start: number; end: number } | null; empty: { start: number; end: number } | null } | null = null;
  let cellXfs: { close: number; count: { start: number; end: number } | null } | null = null;
  let depthOfXfs = -1;
  let depthOfNumFmts = -1;
  for (let k = nextTag(cur); k !== EOF; k = nextTag(cur)) {
    if (k === CLOSE) {
      if (cur.depth === depthOfXfs && cellXfs) {
        cellXfs.close = cur.tagStart;
        depthOfXfs = -1;
      } else if (cur.depth === depthOfNumFmts && numFmts) {
        numFmts.close = cur.tagStart;
        depthOfNumFmts = -1;
      }
      continue;
    }
    if (rootOpenEnd < 0 && isMain(cur, 'styleSheet')) {
      rootOpenEnd = cur.pos;
      prefix = prefixOf(cur);
      continue;
    }
    const countSpan = () => {
      const i = findAttr(cur, 'count');
      return i < 0 ? null : { start: cur.attrs[i * 5 + 3], end: cur.attrs[i * 5 + 4] };
    };
    if (isMain(cur, 'numFmts')) {
      numFmts = { close: -1, count: countSpan(), empty: k === EMPTY ? { start: cur.tagStart, end: cur.pos } : null };
      if (k === OPEN) depthOfNumFmts = cur.depth - 1;
    } else if (isMain(cur, 'numFmt')) {
      // Differential formats (dxfs) have numFmts of their own: their ids are taken, but no cell style may use them.
      const id = attrUint(cur, 'numFmtId');
      const code = attr(cur, 'formatCode');
      if (id >= 0) taken.add(id);
      if (id >= 0 && code !== null && depthOfNumFmts >= 0) custom.set(id, code);
      if (k === OPEN) skipElement(cur);
    } else if (isMain(cur, 'cellXfs')) {
      cellXfs = { close: -1, count: countSpan() };
      if (k === OPEN) depthOfXfs = cur.depth - 1;
      else cellXfs = null;
    } else if (depthOfXfs >= 0 && cur.depth === depthOfXfs + (k === OPEN ? 2 : 1) && isMain(cur, 'xf')) {
      const start = cur.tagStart;
      const numFmtId = Math.max(0, attrUint(cur, 'numFmtId'));
      const id = findAttr(cur, 'numFmtId');
      const apply = findAttr(cur, 'applyNumberFormat');
      const cut = [id, apply].filter((i) => i >= 0).map((i) => attrSpan(cur, i)).sort((a, b) => a.start - b.start);
      const insertAt = attrInsertPoint(cur, k === EMPTY);
      if (k === OPEN) skipElement(cur);
      const end = cur.pos;
      const edits: XmlEdit[] = cut.map((c) => ({ start: c.start - start, end: c.end - start, text: '' }));
      const element = buf.subarray(start, end);
      xfs.push({
        numFmtId,
        build: (numFmtId) => applyEdits(element, [...edits, { start: insertAt - start, end: insertAt - start, text: ` numFmtId="${numFmtId}" applyNumberFormat="1"` }]).toString('utf8'),
      });
    }
  }
  if (!cellXfs || cellXfs.close < 0 || rootOpenEnd < 0) return null;
  const xfList = cellXfs;

  const addedFormats: Array<{ id: number; code: string }> = [];
  const addedXfs: string[] = [];
  const made = new Map<string, number>();
  const formatCode = (id: number) => custom.get(id) ?? addedFormats.find((f) => f.id === id)?.code ?? builtInFormat(id);
  const idFor = (code: string): number => {
    for (const [id, c] of custom) if (c === code) return id;
    const added = addedFormats.find((f) => f.code === code);
    if (added) return added.id;
    const builtIn = fixedBuiltIns.find((id) => builtInFormat(id) === code);
    if (builtIn !== undefined) return builtIn;
    const id = Math.max(163, ...taken, ...addedFormats.map((f) => f.id)) + 1;
    addedFormats.push({ id, code });
    return id;
  };
  const base = (style: number) => xfs[style] ?? xfs[0];

  return {
    formatOf: (style) => (base(style) ? formatCode(base(style).numFmtId) : 'General'),
    styleWith: (style, code) => {
      const xf = base(style);
      const id = idFor(code);
      if (xf && xf.numFmtId === id && xfs[style]) return style;
      const key = `${style}|${id}`;
      let index = made.get(key);
      if (index === undefined) {
        addedXfs.push(xf ? xf.build(id) : `<${prefix}xf numFmtId="${id}" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>`);
        index = xfs.length + addedXfs.length - 1;
        made.set(key, index);
      }
      return index;
    },
    finish: () => {
      if (addedXfs.length === 0) return null;
      const edits: XmlEdit[] = [{ start: xfList.close, end: xfList.close, text: addedXfs.join('') }];
      if (xfList.count) edits.push({ ...xfList.count, text: String(xfs.length + addedXfs.length) });
      if (addedFormats.length > 0) {
        const elements = addedFormats.map((f) => `<${prefix}numFmt numFmtId="${f.id}" formatCode="${escapeXml(f.code)}"/>`).join('');
        const total = custom.size + addedFormats.length;
        if (numFmts && numFmts.empty) edits.push({ ...numFmts.empty, text: `<${prefix}numFmts count="${total}">${elements}</${prefix}numFmts>` });
        else if (numFmts && numFmts.close >= 0) {
          edits.push({ start: numFmts.close, end: numFmts.close, text: elements });
          if (numFmts.count) edits.push({ ...numFmts.count, text: String(total) });
        } else {
          // numFmts is the first child of styleSheet.
          edits.push({ start: rootOpenEnd, end: rootOpenEnd, text: `<${prefix}numFmts count="${total}">${elements}</${prefix}numFmts>` });
        }
      }
      return applyEdits(buf, edits);
    },
  };
}
