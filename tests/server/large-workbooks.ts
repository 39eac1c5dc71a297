/**
 * The largest and most hostile uploads the service takes, written byte by byte (tests/server/xlsx/xlsx-parts.ts):
 * a membership sheet of `rows` associations, every row read and validated; and a zip whose headers
 * under-declare what its one sheet inflates to. Shared by the health-during-upload test and its bench.
 */
import { sheetData, xlsxOf } from './xlsx/xlsx-parts';

const headers = ['Forening', 'År', '0-12 år', '13-18 år', '19-24 år', 'Medlemmer under 25', 'Medlemmer i alt'];
const text = (col: string, r: number, s: string) => `<c r="${col}${r}" t="inlineStr"><is><t>${s}</t></is></c>`;
const num = (col: string, r: number, n: number) => `<c r="${col}${r}"><v>${n}</v></c>`;

/** A membership sheet of `rows` made-up associations for 2025: each row is read, and each is an unknown association. */
export function largeMembershipXlsx(rows: number): Buffer {
  const cells = [headers.map((h, c) => text(String.fromCharCode(65 + c), 1, h))];
  for (let i = 0; i < rows; i++) {
    const r = i + 2;
    cells.push([text('A', r, `Forening ${i + 1}`), num('B', r, 2025), num('C', r, 10), num('D', r, 5), num('E', r, 2), num('F', r, 17), num('G', r, 40)]);
  }
  return xlsxOf({ sheets: [{ name: 'Medlemstal', body: sheetData(cells) }] });
}

/** One sheet of `mb` megabytes of cells whose zip headers say it is 1 KB. */
export function underDeclaredXlsx(mb: number): Buffer {
  const row = (r: number) => [text('A', r, 'x'.repeat(1000))];
  const cells = Array.from({ length: mb * 1000 }, (_v, i) => row(i + 1));
  return xlsxOf({ sheets: [{ name: 'Medlemstal', body: sheetData(cells), stored: { declaredSize: 1024 } }] });
}
