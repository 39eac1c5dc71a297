/**
 * Hostile text and sizes through the CLI as real processes: a NUL, an unpaired surrogate, U+FFFE (raw and as
 * Excel's _xHHHH_ escapes), a cell over Excel's 32,767 characters, a 1 MB shared string used by 12,000 cells,
 * a zip whose headers under-declare what its sheet inflates to, and a CPR number in a sheet name and in a
 * cell. Each ends with a clear exit code — 2 and one line naming the cell or sheet, or a finding at the cell's
 * address — in Danish, or English with --lang en; never a JavaScript error text, never the CPR digits.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { constants, crc32, deflateRawSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { defaultReadLimits } from '../../../server/xlsx/parse-xlsx';
import { MAIN_NS, sheetData, xlsxOf } from '../xlsx/xlsx-parts';
import { budgetHeader, membershipHeader, membershipRow, sheetWith, standardRow } from './broken-workbooks';
import { scratchDir, spawnCli, type CliResult } from './run-cli';

const dir = scratchDir();
const path = (name: string) => join(dir, name);
const jsText = /Error:|TypeError|RangeError|Cannot read|undefined|at .*\.(ts|js|mjs):\d+|node:internal/;

/** A sheet part of `mb` megabytes that deflates to a few hundred KB, its headers saying it is 100 bytes. */
function underDeclaredZip(mb: number): Buffer {
  const head = Buffer.from(`<?xml version="1.0"?><worksheet xmlns="${MAIN_NS}">${sheetData([['<c r="A1"><v>1</v></c>']])}<!--`);
  const tail = Buffer.from('--></worksheet>');
  const megabyte = Buffer.alloc(1024 * 1024, 0x20);
  // Sync-flushed deflate streams end on a byte boundary without a final block, so they join into one stream.
  const flush = { finishFlush: constants.Z_SYNC_FLUSH };
  const chunk = deflateRawSync(megabyte, flush);
  let crc = crc32(head);
  for (let i = 0; i < mb; i++) crc = crc32(megabyte, crc);
  crc = crc32(tail, crc);
  const bytes = Buffer.concat([deflateRawSync(head, flush), ...Array.from({ length: mb }, () => chunk), deflateRawSync(tail)]);
  return xlsxOf({
    sheets: [{ name: 'Budget', body: '', stored: { deflated: { bytes, crc, size: head.length + mb * megabyte.length + tail.length }, declaredSize: 100 } }],
  });
}

interface Case {
  what: string;
  file: string;
  build: () => Buffer | Promise<Buffer>;
  code: 1 | 2;
  /** For exit 2: the one line on stderr; for exit 1: the finding's code and cell. */
  da: RegExp;
  en: RegExp;
  finding?: { code: string; sheet: string; cell: string };
}

const shared = (text: string) => xlsxOf({ sharedStrings: ['<t>Forening</t>', `<t>${text}</t>`], sheets: [{ name: 'Budget', body: sheetData([['<c r="A1" t="s"><v>0</v></c>'], ['<c r="A2" t="s"><v>1</v></c>']]) }] });
const inline = (text: string) => xlsxOf({ sheets: [{ name: 'Medlemstal', body: sheetData([['<c r="A1" t="inlineStr"><is><t>Forening</t></is></c>'], [`<c r="B2" t="inlineStr"><is><t>${text}</t></is></c>`]]) }] });

async function exceljsBuffer(build: (wb: ExcelJS.Workbook) => void): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  build(wb);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const cases: Case[] = [
  { what: 'a NUL as Excel escapes it (_x0000_)', file: 'nul.xlsx', build: () => shared('Siam _x0000_'), code: 2, da: /^Budget!A2 indeholder et usynligt styretegn \(U\+0000\) ved tegn 6\./, en: /^Budget!A2 holds an invisible control character \(U\+0000\)/ },
  { what: 'a NUL as a character reference (&#0;)', file: 'nul-ref.xlsx', build: () => inline('BK&#0;Union'), code: 2, da: /^Medlemstal!B2 indeholder et usynligt styretegn \(U\+0000\)/, en: /^Medlemstal!B2 holds an invisible control character \(U\+0000\)/ },
  { what: 'an unpaired surrogate (_xD800_)', file: 'surrogat.xlsx', build: () => inline('Siam _xD800_'), code: 2, da: /^Medlemstal!B2 .*U\+D800/, en: /^Medlemstal!B2 .*U\+D800/ },
  { what: 'U+FFFE written as the character', file: 'fffe.xlsx', build: () => shared('BK Union \uFFFE'), code: 2, da: /^Budget!A2 .*U\+FFFE/, en: /^Budget!A2 .*U\+FFFE/ },
  { what: 'U+FFFE as Excel escapes it (_xFFFE_)', file: 'fffe-escape.xlsx', build: () => inline('BK _xFFFE_ Union'), code: 2, da: /^Medlemstal!B2 .*U\+FFFE/, en: /^Medlemstal!B2 .*U\+FFFE/ },
  {
    what: 'a cell over 32,767 characters', file: 'lang.xlsx', build: () => inline('x'.repeat(40_000)), code: 2,
    da: /^Medlemstal!B2 har 40\.000 tegn; Excel tillader højst 32\.767 i en celle\. Forkort teksten\.$/,
    en: /^Medlemstal!B2 has 40,000 characters; Excel allows at most 32,767 in a cell\. Shorten the text\.$/,
  },
  {
    what: 'a 1 MB shared string used by 12,000 cells', file: 'stor-tekst.xlsx', code: 2,
    build: () => xlsxOf({ sharedStrings: [`<t>${'x'.repeat(1024 * 1024)}</t>`], sheets: [{ name: 'Budget', body: sheetData(Array.from({ length: 12_000 }, (_v, i) => [`<c r="A${i + 1}" t="s"><v>0</v></c>`])) }] }),
    da: /^Budget!A1 har 1\.048\.576 tegn; Excel tillader højst 32\.767 i en celle\. Forkort teksten\.$/,
    en: /^Budget!A1 has 1,048,576 characters; Excel allows at most 32,767 in a cell\. Shorten the text\.$/,
  },
  {
    what: 'a zip whose headers under-declare what its sheet inflates to', file: 'pakket.xlsx', code: 2,
    build: () => underDeclaredZip(Math.ceil(defaultReadLimits.maxUnpackedBytes / (1024 * 1024)) + 16),
    da: /^pakket\.xlsx fylder mere end grænsen på 384 MB udpakket og blev stoppet: så stor kan en budget- eller medlemsprojektmappe ikke være\./,
    en: /^pakket\.xlsx unpacks to more than the 384 MB limit and was stopped: it cannot be a budget or membership workbook\./,
  },
  {
    what: 'a CPR number in a sheet name', file: 'cpr-ark.xlsx', code: 2,
    build: () => exceljsBuffer((wb) => sheetWith(wb, 'Medlemstal 0101901234', [membershipHeader, membershipRow('BK Union')])),
    da: /^Navnet på ark 1 ser ud til at indeholde et CPR-nummer\. Omdøb arket; personoplysninger bliver hverken gemt eller sendt\.$/,
    en: /^The name of sheet 1 looks like it holds a CPR number\. Rename the sheet; personal data is neither stored nor sent\.$/,
  },
  {
    what: 'a CPR number in a cell', file: 'cpr-celle.xlsx', code: 1,
    build: () => exceljsBuffer((wb) => {
      sheetWith(wb, 'Budget 2025', [[...budgetHeader, 'Noter'], [...standardRow('BK Union'), 'Kontakt 010190-1234']]);
      sheetWith(wb, 'Medlemstal 2025', [membershipHeader, membershipRow('BK Union')]);
    }),
    finding: { code: 'personal-data', sheet: 'Budget 2025', cell: 'K2' },
    da: /^ {2}Fejl +Budget 2025!K2 {2}\[personal-data\] {2}.*CPR-nummer/m,
    en: /^ {2}Error +Budget 2025!K2 {2}\[personal-data\] {2}.*CPR number/m,
  },
];

beforeAll(async () => {
  for (const c of cases) writeFileSync(path(c.file), await c.build());
});

function expectClean(r: CliResult): void {
  expect(r.stdout + r.stderr).not.toMatch(jsText);
  expect(r.stdout + r.stderr).not.toMatch(/010190|0101901234/);
}

describe('hostile text and sizes through validate', () => {
  it.each(cases)('$what: exit $code, in Danish and English', async (c) => {
    for (const [lang, want] of [['da', c.da], ['en', c.en]] as const) {
      const r = await spawnCli(['validate', path(c.file), '--lang', lang]);
      expect(r.code, r.stderr).toBe(c.code);
      expectClean(r);
      if (c.code === 2) {
        expect(r.stdout).toBe('');
        const lines = r.stderr.trimEnd().split('\n');
        expect(lines).toHaveLength(1);
        expect(lines[0]).toMatch(want);
      } else {
        expect(r.stderr).toBe('');
        expect(r.stdout).toMatch(want);
      }
    }
    if (c.finding) {
      const json = await spawnCli(['validate', path(c.file), '--format', 'json']);
      expectClean(json);
      const issues = (JSON.parse(json.stdout) as { issues: Array<{ code: string; sheet: string; cell: string; value: unknown }> }).issues;
      const found = issues.filter((i) => i.code === c.finding!.code);
      expect(found.map((i) => `${i.sheet}!${i.cell}`)).toEqual([`${c.finding.sheet}!${c.finding.cell}`]);
      expect(found[0].value).toBeNull();
    }
  });

  it('the same under-declared construction, small: read (the refusal above is its size, not damage)', async () => {
    writeFileSync(path('lille.xlsx'), underDeclaredZip(2));
    const r = await spawnCli(['validate', path('lille.xlsx'), '--format', 'json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(1);
    // Read as a workbook with only a budget sheet ("Budget", one cell).
    expect((JSON.parse(r.stdout) as { issues: Array<{ code: string }> }).issues.map((i) => i.code)).toContain('sheet-absent');
  });
});
