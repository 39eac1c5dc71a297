/**
 * `npx tsx bench/reader-corpus.ts [dir]`: gathers the reader's measurement corpus outside git (default
 * $READER_CORPUS or /tmp/partnerskab-reader-corpus): every .xlsx/.xlsm in the test-data folders of the
 * spreadsheet libraries' repositories that are cloned on this machine (bare git dirs under $READER_MIRRORS,
 * default /work/.mirror: apache/poi, SheetJS/test_files, tafia/calamine, theorchard/openpyxl, ClosedXML,
 * qax-os/excelize, tealeg/xlsx), and the large files written here by LibreOffice, Gnumeric and openpyxl
 * (where installed) that the bench reads. Nothing is downloaded; the committed selection for CI is
 * tests/fixtures/xlsx/ (see its README).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const corpusDir = process.env.READER_CORPUS ?? '/tmp/partnerskab-reader-corpus';
const mirrors = process.env.READER_MIRRORS ?? '/work/.mirror';

function gitDirOf(repo: string): string | null {
  for (const d of [join(repo, 'repo', '.git'), join(repo, 'repo')]) {
    if (existsSync(join(d, 'HEAD')) && existsSync(join(d, 'objects'))) return d;
  }
  return null;
}

function collectMirrors(out: string): number {
  if (!existsSync(mirrors)) return 0;
  let n = 0;
  for (const repo of readdirSync(mirrors)) {
    const gitDir = gitDirOf(join(mirrors, repo));
    if (!gitDir) continue;
    const list = execFileSync('git', ['--git-dir', gitDir, 'ls-tree', '-r', '-l', 'HEAD'], { maxBuffer: 256 * 1024 * 1024 }).toString();
    for (const line of list.split('\n')) {
      const m = /^\d+ blob ([0-9a-f]+)\s+(\d+)\t(.+\.xls[xm])$/i.exec(line);
      if (!m) continue;
      const target = join(out, 'public', repo, m[3].replace(/\//g, '__'));
      if (!existsSync(target)) {
        mkdirSync(join(out, 'public', repo), { recursive: true });
        writeFileSync(target, execFileSync('git', ['--git-dir', gitDir, 'cat-file', 'blob', m[1]], { maxBuffer: 512 * 1024 * 1024 }));
      }
      n++;
    }
  }
  return n;
}

const has = (cmd: string) => {
  try {
    execFileSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
};

/** A membership-export-like sheet: association, district, year, members, amounts; `rows` rows. */
function writeCsv(file: string, rows: number): void {
  const districts = ['Amager Vest', 'Bispebjerg', 'Nørrebro', 'Valby', 'Vesterbro/Kongens Enghave', 'Østerbro'];
  const lines = ['Forening;Bydel;År;Medlemmer under 25;Tilskud;Egenfinansiering;Note'];
  for (let r = 0; r < rows; r++) {
    lines.push(`Forening ${r % 5000};${districts[r % districts.length]};${2012 + (r % 14)};${(r * 7) % 400};${250000 + (r % 11) * 1000};${(r * 13) % 90000};${r % 3 === 0 ? 'Udvidet partnerskab' : ''}`);
  }
  writeFileSync(file, lines.join('\n') + '\n');
}

function generateLarge(out: string): string[] {
  const dir = join(out, 'generated');
  mkdirSync(dir, { recursive: true });
  const made: string[] = [];
  const csv = join(dir, 'membership-200k.csv');
  if (!existsSync(csv)) writeCsv(csv, 200_000);
  const lo = join(dir, 'libreoffice-200k.xlsx');
  if (!existsSync(lo) && has('soffice')) {
    execFileSync('soffice', ['--headless', '--infilter=CSV:59,34,76,1', '--convert-to', 'xlsx', '--outdir', dir, csv], { stdio: 'ignore', timeout: 600_000 });
    execFileSync('mv', [join(dir, 'membership-200k.xlsx'), lo]);
  }
  if (existsSync(lo)) made.push(lo);
  const gn = join(dir, 'gnumeric-200k.xlsx');
  if (!existsSync(gn) && existsSync(lo) && has('ssconvert')) {
    execFileSync('ssconvert', [lo, gn], { stdio: 'ignore', timeout: 600_000 });
  }
  if (existsSync(gn)) made.push(gn);
  const py = join(dir, 'openpyxl-200k.xlsx');
  if (!existsSync(py) && has('python3')) {
    const script = `
import csv, openpyxl
wb = openpyxl.Workbook(write_only=True)
ws = wb.create_sheet('Medlemstal')
with open(${JSON.stringify(csv)}, encoding='utf-8') as f:
    for i, row in enumerate(csv.reader(f, delimiter=';')):
        ws.append([int(v) if v.isdigit() else v for v in row] + ([f'=D{i+1}*2'] if i else ['Dobbelt']))
wb.save(${JSON.stringify(py)})
`;
    try {
      execFileSync('python3', ['-c', script], { stdio: 'ignore', timeout: 600_000 });
    } catch {
      // openpyxl not installed: the bench reads what there is.
    }
  }
  if (existsSync(py)) made.push(py);
  return made;
}

export function collectCorpus(out = corpusDir): { publicFiles: number; large: string[] } {
  mkdirSync(out, { recursive: true });
  return { publicFiles: collectMirrors(out), large: generateLarge(out) };
}

/** Every corpus file, largest first. */
export function corpusFiles(out = corpusDir): string[] {
  const files: string[] = [];
  const walk = (d: string) => {
    for (const f of readdirSync(d)) {
      const p = join(d, f);
      if (statSync(p).isDirectory()) walk(p);
      else if (/\.xls[xm]$/i.test(f)) files.push(p);
    }
  };
  if (existsSync(out)) walk(out);
  return files.sort((a, b) => statSync(b).size - statSync(a).size);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { publicFiles, large } = collectCorpus(process.argv[2] ?? corpusDir);
  console.log(`${publicFiles} files from public test suites, ${large.length} large generated files in ${process.argv[2] ?? corpusDir}`);
}
