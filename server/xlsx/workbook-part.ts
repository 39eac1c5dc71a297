/** xl/workbook.xml: the sheets in their order, with names, state and relationship ids, and the 1904 flag. */
import { attr, attrTrue, EMPTY, EOF, isMain, nextTag, NS_REL, OPEN, openXml, type XmlCursor } from './xml-scan';

export type SheetState = 'visible' | 'hidden' | 'veryHidden';

export interface WorkbookSheet {
  name: string;
  state: SheetState;
  relId: string | null;
}

export interface WorkbookPart {
  date1904: boolean;
  sheets: WorkbookSheet[];
}

/** `r:id`, whatever the prefix; a writer that bound no namespace to it still means the same attribute. */
function relationshipId(cur: XmlCursor): string | null {
  const id = attr(cur, 'id', NS_REL);
  if (id !== null) return id;
  for (let i = 0; i < cur.attrCount; i++) {
    const a = cur.attrs;
    const colon = a[i * 5 + 1];
    if (colon >= 0 && cur.buf.toString('latin1', colon + 1, a[i * 5 + 2]) === 'id') return cur.buf.toString('utf8', a[i * 5 + 3], a[i * 5 + 4]);
  }
  return null;
}

export function parseWorkbookPart(bytes: Buffer): WorkbookPart {
  const cur = openXml(bytes);
  const out: WorkbookPart = { date1904: false, sheets: [] };
  for (let k = nextTag(cur); k !== EOF; k = nextTag(cur)) {
    if (k !== OPEN && k !== EMPTY) continue;
    if (isMain(cur, 'workbookPr')) {
      out.date1904 = attrTrue(cur, 'date1904');
    } else if (isMain(cur, 'sheet')) {
      const state = attr(cur, 'state');
      out.sheets.push({
        name: attr(cur, 'name') ?? '',
        state: state === 'hidden' || state === 'veryHidden' ? state : 'visible',
        relId: relationshipId(cur),
      });
    }
  }
  return out;
}
