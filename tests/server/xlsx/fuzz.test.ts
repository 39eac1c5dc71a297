/**
 * Mutated real workbooks (the committed corpus): bytes of the zip, and entries of the XML inside it. Each case
 * must end in a grid the core accepts or a refusal that says what is wrong in both languages without any
 * JavaScript error text, within the read limits: those limits bound each case's work and what it may hold, so
 * no clock is needed to bound it. Seeds are fixed, so every run tries the same 6,000 cases.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { workbookSchema } from '../../../shared/schemas';
import { toWorkbookInput } from '../../../server/xlsx/grid';
import { parseOutcome } from '../../../server/xlsx/parse-outcome';
import type { ReadLimits } from '../../../server/xlsx/parse-xlsx';
import { workbookReadError } from '../../../server/xlsx/workbook-read-error';
import { openZip, readEntry } from '../../../server/xlsx/zip';
import { writeZip } from './xlsx-parts';

const dir = join(dirname(fileURLToPath(import.meta.url)), '../../fixtures/xlsx');
const bases = [
  'openpyxl-comment-table.xlsx',
  'openpyxl-1904-uncalculated.xlsx',
  'libreoffice-1904-uncalculated.xlsx',
  'gnumeric-comment-table.xlsx',
  'crafted-namespace-prefix.xlsx',
  'crafted-rich-text-2010.xlsx',
  'partnerskab-template-2025.xlsx',
].map((f) => readFileSync(join(dir, f)));

const limits: ReadLimits = { maxUnpackedBytes: 8 * 1024 * 1024, maxCells: 200_000, maxFormulaChars: 1024 * 1024 };
const jsErrorText = /Error\b|undefined|NaN|\[object|\bat .*:\d+|Cannot read|is not a function/;

let worstMs = 0;
const seen = { read: 0, refused: new Map<string, number>() };

/** The one property every case must have. */
function readsOrRefuses(bytes: Buffer): void {
  const started = performance.now();
  const outcome = parseOutcome(bytes, limits);
  if (outcome.ok) {
    const input = toWorkbookInput(outcome.parsed);
    const checked = workbookSchema.safeParse(input);
    expect(checked.success, checked.success ? '' : checked.error.message.slice(0, 300)).toBe(true);
    const cells = input.sheets.reduce((n, s) => n + s.values.length * (s.values[0]?.length ?? 0), 0);
    expect(cells).toBeLessThanOrEqual(limits.maxCells);
    for (const s of input.sheets) for (const row of s.values) for (const v of row) if (typeof v === 'string') expect(v.length).toBeLessThanOrEqual(32_767);
    seen.read++;
  } else {
    seen.refused.set(outcome.problem.kind, (seen.refused.get(outcome.problem.kind) ?? 0) + 1);
    const e = workbookReadError(outcome.problem, 'fuzz.xlsx');
    for (const line of [e.messageIn('da'), e.messageIn('en')]) {
      expect(line).not.toMatch(jsErrorText);
      expect(line).not.toContain('\n');
      expect(line.length).toBeLessThan(400);
    }
  }
  worstMs = Math.max(worstMs, performance.now() - started);
}

function entriesOf(bytes: Buffer): Array<{ name: string; data: Buffer }> {
  const zip = openZip(bytes);
  const budget = { left: 64 * 1024 * 1024, limit: 64 * 1024 * 1024 };
  return zip.entries.map((e) => ({ name: e.name, data: readEntry(zip, e, budget) }));
}
const unpacked = bases.map(entriesOf);

type ByteMutation = { base: number; kind: 'truncate' | 'flip' | 'duplicate' | 'header'; at: number; n: number; value: number };

function mutateBytes(m: ByteMutation): Buffer {
  const src = bases[m.base];
  const at = m.at % src.length;
  switch (m.kind) {
    case 'truncate':
      return src.subarray(0, at);
    case 'flip': {
      const out = Buffer.from(src);
      for (let i = 0; i < 1 + (m.n % 8); i++) out[(at + i * 7919) % out.length] ^= 1 + (m.value % 255);
      return out;
    }
    case 'duplicate':
      return Buffer.concat([src.subarray(0, at), src.subarray(at, at + 1 + (m.n % 4096)), src.subarray(at)]);
    case 'header': {
      // A size, an offset or a count in a zip header: where the headers hold them, a 32-bit word that lies.
      const out = Buffer.from(src);
      const sigs = [0x04034b50, 0x02014b50, 0x06054b50];
      const starts: number[] = [];
      for (let p = 0; p + 4 <= out.length; p++) if (out[p] === 0x50 && sigs.includes(out.readUInt32LE(p))) starts.push(p);
      const p = starts[at % starts.length] + 4 + 2 * (m.n % 12);
      const words = [0, 1, 0xffff, 0xffffffff, 100, m.value];
      if (p + 4 <= out.length) out.writeUInt32LE(words[m.value % words.length] >>> 0, p);
      return out;
    }
  }
}

type XmlMutation = { base: number; entry: number; kind: 'truncate' | 'flip' | 'duplicate' | 'strip-namespaces' | 'huge-ref' | 'deep' | 'attribute' | 'entity' | 'drop-entry'; at: number; n: number };

const attributes = [' s="99999"', ' t="s"', ' t="e"', ' t="d"', ' t="inlineStr"', ' t="bogus"', ' r="XFD1048576"', ' r="A0"', ' r="ZZZZ1"', ' hidden="1"', ' state="veryHidden"', ' date1904="true"', ' ref="A1:XFD1048576"', ' r:id="rId999"'];
const entities = ['&#0;', '&#xD800;', '&#99999999;', '&#xFFFE;', '&undefined;', '&amp;amp;', '_x0000_', '_xD800_', '<![CDATA[<c>]]>', '<!-- -->', '<?pi x?>'];

function mutateXml(text: string, m: XmlMutation): string | null {
  const at = m.at % Math.max(1, text.length);
  switch (m.kind) {
    case 'truncate':
      return text.slice(0, at);
    case 'flip':
      return text.slice(0, at) + String.fromCharCode(text.charCodeAt(at) ^ (1 + (m.n % 127))) + text.slice(at + 1);
    case 'duplicate': {
      const len = 1 + (m.n % 2000);
      return text.slice(0, at + len) + text.slice(at, at + len) + text.slice(at + len);
    }
    case 'strip-namespaces':
      return text.replace(/\s+xmlns(:\w+)?="[^"]*"/g, '').replace(/<(\/?)\w+:/g, '<$1');
    case 'huge-ref':
      return text.replace(/ r="[A-Z]+\d+"/, ' r="XFD1048576"').replace(/<dimension ref="[^"]*"/, '<dimension ref="A1:XFD1048576"');
    case 'deep': {
      const depth = 1 + (m.n % 50_000);
      const tag = text.indexOf('<sheetData>') >= 0 ? text.indexOf('<sheetData>') + 11 : text.indexOf('<si>') >= 0 ? text.indexOf('<si>') + 4 : at;
      return text.slice(0, tag) + '<a>'.repeat(depth) + '</a>'.repeat(m.n % 3 === 0 ? depth - 1 : depth) + text.slice(tag);
    }
    case 'attribute': {
      const tagAt = text.indexOf('<', at);
      if (tagAt < 0) return null;
      const nameEnd = text.slice(tagAt).search(/[\s/>]/);
      return nameEnd < 0 ? null : text.slice(0, tagAt + nameEnd) + attributes[m.n % attributes.length] + text.slice(tagAt + nameEnd);
    }
    case 'entity': {
      const textAt = text.indexOf('>', at);
      return textAt < 0 ? null : text.slice(0, textAt + 1) + entities[m.n % entities.length] + text.slice(textAt + 1);
    }
    case 'drop-entry':
      return null;
  }
}

function mutateEntry(m: XmlMutation): Buffer {
  const entries = unpacked[m.base];
  const target = m.entry % entries.length;
  const parts = entries.flatMap((e, i) => {
    if (i !== target) return [{ name: e.name, data: e.data }];
    const text = mutateXml(e.data.toString('utf8'), m);
    return text === null ? [] : [{ name: e.name, data: Buffer.from(text, 'utf8') }];
  });
  return writeZip(parts);
}

const nat = fc.nat({ max: 0x7fffffff });

describe('the reader on mutated real workbooks', () => {
  it('the unmutated bases are read', () => {
    for (const b of bases) expect(parseOutcome(b, limits).ok).toBe(true);
  });

  it('3,000 mutations of the zip bytes: truncated, flipped, duplicated, lying headers', () => {
    const arb = fc.record({ base: fc.nat({ max: bases.length - 1 }), kind: fc.constantFrom('truncate', 'flip', 'duplicate', 'header'), at: nat, n: nat, value: nat }) as fc.Arbitrary<ByteMutation>;
    fc.assert(fc.property(arb, (m) => readsOrRefuses(mutateBytes(m))), { seed: 12, numRuns: 3000 });
  });

  it('3,000 mutations of the XML inside: truncated, flipped, duplicated, namespaces stripped, huge references, deep nesting, odd attributes and entities, parts left out', () => {
    const kinds = ['truncate', 'flip', 'duplicate', 'strip-namespaces', 'huge-ref', 'deep', 'attribute', 'entity', 'drop-entry'] as const;
    const arb = fc.record({ base: fc.nat({ max: bases.length - 1 }), entry: nat, kind: fc.constantFrom(...kinds), at: nat, n: nat }) as fc.Arbitrary<XmlMutation>;
    fc.assert(fc.property(arb, (m) => readsOrRefuses(mutateEntry(m))), { seed: 1904, numRuns: 3000 });
    const refused = [...seen.refused].map(([k, n]) => `${k} ${n}`).join(', ');
    console.log(`fuzz: ${seen.read} read, refused: ${refused}; slowest case ${worstMs.toFixed(1)} ms (not asserted; the limits bound the work)`);
    // The mutations reach both ends: damage the reader reads past, and damage it refuses for what it is.
    expect(seen.read).toBeGreaterThan(500);
    expect([...seen.refused.keys()]).toEqual(expect.arrayContaining(['truncated', 'damaged-zip', 'damaged-part', 'too-many-cells']));
  });
});
