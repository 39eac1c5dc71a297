/**
 * Open Packaging relationships: which part is the workbook, which parts are its sheets, strings and styles.
 * Targets are URIs relative to the part that holds the relationship, or absolute from the package root
 * (openpyxl writes `/xl/tables/table1.xml`); both resolve to a zip entry name here.
 */
import { attr, isElement, nextTag, NS_NONE, NS_PKG_REL, OPEN, EMPTY, EOF, openXml } from './xml-scan';

export interface Relationship {
  id: string;
  /** The last segment of the relationship type: "worksheet", "sharedStrings", "styles", "officeDocument"… */
  type: string;
  /** The target's zip entry name, resolved. */
  target: string;
  external: boolean;
}

/** `xl/workbook.xml` → `xl/_rels/workbook.xml.rels`; `` (the package) → `_rels/.rels`. */
export function relsPartOf(part: string): string {
  const slash = part.lastIndexOf('/');
  return `${part.slice(0, slash + 1)}_rels/${part.slice(slash + 1)}.rels`;
}

/** Resolves `target` against the folder of `source` (an entry name; '' for the package root). */
export function resolveTarget(source: string, target: string): string {
  const clean = target.trim().replace(/\\/g, '/').split(/[?#]/, 1)[0];
  const segments = clean.startsWith('/') ? [] : source.split('/').slice(0, -1);
  for (const seg of clean.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') segments.pop();
    else segments.push(seg);
  }
  return segments.join('/');
}

export function parseRelationships(bytes: Buffer, source: string): Relationship[] {
  const cur = openXml(bytes);
  const out: Relationship[] = [];
  for (let k = nextTag(cur); k !== EOF; k = nextTag(cur)) {
    if (k !== OPEN && k !== EMPTY) continue;
    if (!isElement(cur, NS_PKG_REL, 'Relationship') && !isElement(cur, NS_NONE, 'Relationship')) continue;
    const id = attr(cur, 'Id');
    const type = attr(cur, 'Type') ?? '';
    const target = attr(cur, 'Target');
    if (id === null || target === null) continue;
    const external = (attr(cur, 'TargetMode') ?? '').toLowerCase() === 'external';
    out.push({ id, type: type.slice(type.lastIndexOf('/') + 1), target: external ? target : resolveTarget(source, target), external });
  }
  return out;
}
