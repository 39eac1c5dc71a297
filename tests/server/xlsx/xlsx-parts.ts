/**
 * Test support: zips written byte by byte, so a test can hold exactly the parts (and the damage) it means —
 * namespace prefixes, odd part names, sizes that lie. Not a product module: the product only reads zips.
 */
import { crc32, deflateRawSync } from 'node:zlib';

export interface ZipPart {
  name: string;
  data: string | Buffer;
  /** 0 stored, 8 deflated (default). */
  method?: 0 | 8;
  /** The uncompressed size written in the headers, when a test wants them to lie. */
  declaredSize?: number;
  /** The part already deflated (raw), with the CRC-32 and size of what it inflates to: one too big to hold inflated. */
  deflated?: { bytes: Buffer; crc: number; size: number };
}

export function writeZip(parts: ZipPart[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const part of parts) {
    const data = Buffer.isBuffer(part.data) ? part.data : Buffer.from(part.data, 'utf8');
    const method = part.deflated ? 8 : (part.method ?? 8);
    const packed = part.deflated?.bytes ?? (method === 8 ? deflateRawSync(data) : data);
    const name = Buffer.from(part.name, 'utf8');
    const crc = part.deflated?.crc ?? crc32(data);
    const size = part.declaredSize ?? part.deflated?.size ?? data.length;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6);
    local.writeUInt16LE(method, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(packed.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(method, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(packed.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, packed);
    centrals.push(central, name);
    offset += 30 + name.length + packed.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

export const MAIN_NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
export const REL_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PKG_REL_NS = 'http://schemas.openxmlformats.org/package/2006/relationships';
const TYPE = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

export function rels(list: Array<{ id: string; type: string; target: string; external?: boolean }>): string {
  const items = list.map((r) => `<Relationship Id="${r.id}" Type="${TYPE}/${r.type}" Target="${r.target}"${r.external ? ' TargetMode="External"' : ''}/>`);
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="${PKG_REL_NS}">${items.join('')}</Relationships>`;
}

const CT = 'application/vnd.openxmlformats-officedocument.spreadsheetml';

/** [Content_Types].xml for a workbook with these parts (openpyxl finds the parts through it). */
export function contentTypes(parts: { workbook: string; sheets: string[]; sharedStrings?: string; styles?: string }): string {
  const o = (name: string, type: string) => `<Override PartName="/${name}" ContentType="${CT}.${type}+xml"/>`;
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>' +
    o(parts.workbook, 'sheet.main') +
    parts.sheets.map((s) => o(s, 'worksheet')).join('') +
    (parts.sharedStrings ? o(parts.sharedStrings, 'sharedStrings') : '') +
    (parts.styles ? o(parts.styles, 'styles') : '') +
    '</Types>'
  );
}

export interface SheetSpec {
  name: string;
  /** The children of <worksheet>, e.g. `<sheetData>…</sheetData>`. */
  body: string;
  state?: 'hidden' | 'veryHidden';
  /** The part's name (default xl/worksheets/sheetN.xml). */
  part?: string;
  /** How the part is stored, where a test wants it otherwise (already deflated, sizes that lie). */
  stored?: Pick<ZipPart, 'deflated' | 'declaredSize'>;
}

export interface WorkbookSpec {
  sheets: SheetSpec[];
  /** The <si> items of the shared strings part. */
  sharedStrings?: string[];
  /** The children of <styleSheet>. */
  styles?: string;
  date1904?: boolean;
  extraParts?: ZipPart[];
}

/** A small .xlsx the way Excel lays it out, with the parts a test gives. */
export function xlsxOf(spec: WorkbookSpec): Buffer {
  const sheetParts = spec.sheets.map((s, i) => s.part ?? `xl/worksheets/sheet${i + 1}.xml`);
  const wbRels = spec.sheets.map((_s, i) => ({ id: `rId${i + 1}`, type: 'worksheet', target: sheetParts[i].replace(/^xl\//, '') }));
  if (spec.sharedStrings) wbRels.push({ id: 'rIdS', type: 'sharedStrings', target: 'sharedStrings.xml' });
  if (spec.styles) wbRels.push({ id: 'rIdT', type: 'styles', target: 'styles.xml' });
  const sheets = spec.sheets.map((s, i) => `<sheet name="${s.name}" sheetId="${i + 1}"${s.state ? ` state="${s.state}"` : ''} r:id="rId${i + 1}"/>`).join('');
  const parts: ZipPart[] = [
    {
      name: '[Content_Types].xml',
      data: contentTypes({ workbook: 'xl/workbook.xml', sheets: sheetParts, sharedStrings: spec.sharedStrings && 'xl/sharedStrings.xml', styles: spec.styles && 'xl/styles.xml' }),
    },
    { name: '_rels/.rels', data: rels([{ id: 'rId1', type: 'officeDocument', target: 'xl/workbook.xml' }]) },
    {
      name: 'xl/workbook.xml',
      data: `<?xml version="1.0"?><workbook xmlns="${MAIN_NS}" xmlns:r="${REL_NS}">${spec.date1904 ? '<workbookPr date1904="1"/>' : ''}<sheets>${sheets}</sheets></workbook>`,
    },
    { name: 'xl/_rels/workbook.xml.rels', data: rels(wbRels) },
    ...spec.sheets.map((s, i) => ({ name: sheetParts[i], data: `<?xml version="1.0"?><worksheet xmlns="${MAIN_NS}" xmlns:r="${REL_NS}">${s.body}</worksheet>`, ...s.stored })),
  ];
  if (spec.sharedStrings) {
    parts.push({ name: 'xl/sharedStrings.xml', data: `<?xml version="1.0"?><sst xmlns="${MAIN_NS}">${spec.sharedStrings.map((s) => `<si>${s}</si>`).join('')}</sst>` });
  }
  if (spec.styles) parts.push({ name: 'xl/styles.xml', data: `<?xml version="1.0"?><styleSheet xmlns="${MAIN_NS}">${spec.styles}</styleSheet>` });
  return writeZip([...parts, ...(spec.extraParts ?? [])]);
}

/** `<sheetData>` of rows given as arrays of cell XML. */
export function sheetData(rows: string[][]): string {
  return `<sheetData>${rows.map((cells, r) => `<row r="${r + 1}">${cells.join('')}</row>`).join('')}</sheetData>`;
}
