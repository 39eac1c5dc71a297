/**
 * xl/styles.xml, only as far as the core needs it: the number format of each cell style (cellXfs), from which
 * the core tells a date from a number. Fonts, fills, borders and the rest are not read.
 */
import { attr, attrUint, CLOSE, EOF, isMain, nextTag, OPEN, openXml } from './xml-scan';

/**
 * The built-in formats (ECMA-376 part 1, 18.8.30) as Excel writes their codes. Ids 27–36 and 50–58 are the
 * East Asian date formats, which Excel shows in the locale's own way: a date is all the core needs to know.
 */
const builtIn: Record<number, string> = {
  0: 'General',
  1: '0',
  2: '0.00',
  3: '#,##0',
  4: '#,##0.00',
  5: '"kr."#,##0;-"kr."#,##0',
  6: '"kr."#,##0;[Red]-"kr."#,##0',
  7: '"kr."#,##0.00;-"kr."#,##0.00',
  8: '"kr."#,##0.00;[Red]-"kr."#,##0.00',
  9: '0%',
  10: '0.00%',
  11: '0.00E+00',
  12: '# ?/?',
  13: '# ??/??',
  14: 'mm-dd-yy',
  15: 'd-mmm-yy',
  16: 'd-mmm',
  17: 'mmm-yy',
  18: 'h:mm AM/PM',
  19: 'h:mm:ss AM/PM',
  20: 'h:mm',
  21: 'h:mm:ss',
  22: 'm/d/yy h:mm',
  37: '#,##0 ;(#,##0)',
  38: '#,##0 ;[Red](#,##0)',
  39: '#,##0.00;(#,##0.00)',
  40: '#,##0.00;[Red](#,##0.00)',
  41: '_(* #,##0_);_(* (#,##0);_(* "-"_);_(@_)',
  42: '_("$"* #,##0_);_("$"* (#,##0);_("$"* "-"_);_(@_)',
  43: '_(* #,##0.00_);_(* (#,##0.00);_(* "-"??_);_(@_)',
  44: '_("$"* #,##0.00_);_("$"* (#,##0.00);_("$"* "-"??_);_(@_)',
  45: 'mm:ss',
  46: '[h]:mm:ss',
  47: 'mmss.0',
  48: '##0.0E+0',
  49: '@',
};
for (const id of [27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 50, 51, 52, 53, 54, 55, 56, 57, 58]) builtIn[id] = 'yyyy-mm-dd';

export function builtInFormat(id: number): string {
  return builtIn[id] ?? 'General';
}

/** The number format code of each cell style index (the `s` of a cell). */
export function parseStylesPart(bytes: Buffer): string[] {
  const cur = openXml(bytes);
  const custom = new Map<number, string>();
  const xfFormats: number[] = [];
  let cellXfsDepth = -1;
  for (let k = nextTag(cur); k !== EOF; k = nextTag(cur)) {
    if (k === CLOSE) {
      if (cur.depth === cellXfsDepth) cellXfsDepth = -1;
      continue;
    }
    if (isMain(cur, 'numFmt')) {
      const id = attrUint(cur, 'numFmtId');
      const code = attr(cur, 'formatCode');
      if (id >= 0 && code !== null) custom.set(id, code);
    } else if (isMain(cur, 'cellXfs')) {
      if (k === OPEN) cellXfsDepth = cur.depth - 1;
    } else if (cellXfsDepth >= 0 && cur.depth === cellXfsDepth + (k === OPEN ? 2 : 1) && isMain(cur, 'xf')) {
      xfFormats.push(Math.max(0, attrUint(cur, 'numFmtId')));
    }
  }
  return xfFormats.map((id) => custom.get(id) ?? builtInFormat(id));
}
