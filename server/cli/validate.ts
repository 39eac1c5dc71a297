import { basename, resolve } from 'node:path';
import { realpathSync, statSync } from 'node:fs';
import { validateWorkbook } from '../../shared/index';
import type { Lang, PreviousMembership, Report, WorkbookInput } from '../../shared/schemas';
import { loadWorkbookBytes, readWorkbookFile, WorkbookReadError } from '../xlsx/read-workbook';
import { parseCommandArgs } from './args';
import { writeFixedCopy } from './fix-copy';
import { formatReportJson, formatReportText } from './format-report';
import { UsageError, type CliContext } from './io';
import { xlsxOutputName } from './output-file';
import { parseYearOption } from './year';

const spec = {
  year: { type: 'string', value: 'year' },
  format: { type: 'string', value: 'format' },
  previous: { type: 'string', value: 'file' },
  fix: { type: 'string', value: 'file' },
  force: { type: 'boolean' },
} as const;

/** The same file under two names (a symbolic or hard link, ./x and x) is the same file. */
function samePath(a: string, b: string): boolean {
  const real = (p: string) => {
    try {
      return realpathSync(p);
    } catch {
      return resolve(p);
    }
  };
  if (real(a) === real(b)) return true;
  try {
    const [x, y] = [statSync(a), statSync(b)];
    return x.dev === y.dev && x.ino === y.ino;
  } catch {
    return false;
  }
}

async function readOrExplain(file: string, lang: Lang, label?: string): Promise<WorkbookInput> {
  return (await readBytesOrExplain(file, lang, label)).workbook;
}

/** The file's bytes and the workbook in them, read once: `--fix` patches the very bytes that were checked. */
async function readBytesOrExplain(file: string, lang: Lang, label?: string): Promise<{ bytes: Buffer; workbook: WorkbookInput }> {
  try {
    const bytes = await loadWorkbookBytes(file);
    return { bytes, workbook: await readWorkbookFile(bytes, { label: basename(file) }) };
  } catch (err) {
    if (err instanceof WorkbookReadError) throw new UsageError(label ? `${label}: ${err.messageIn(lang)}` : err.messageIn(lang));
    throw err;
  }
}

/**
 * Last year's membership figures from its workbook, as the service takes them from the year's latest version.
 * The year is the previous workbook's own; where it names none, the year before the one checked.
 */
async function previousFigures(file: string, year: number | null, ctx: CliContext): Promise<PreviousMembership> {
  const { lang, w } = ctx;
  const label = w.previousLabel(basename(file));
  const input = await readOrExplain(file, lang, label);
  let report = validateWorkbook(input, { lang });
  if (report.year === null && year !== null) report = validateWorkbook(input, { lang, year: year - 1 });
  const problem = previousProblem(report, year, lang);
  if (problem) throw new UsageError(`${label}: ${problem}`);
  return {
    year: report.year!,
    rows: report.data.membership.map((m) => ({ association: m.association, under25: m.under25 })),
  };
}

function previousProblem(report: Report, year: number | null, lang: Lang): string | null {
  const da = lang === 'da';
  if (report.issues.some((i) => i.code === 'personal-data')) {
    return da ? 'filen ser ud til at indeholde personoplysninger (et CPR-nummer); tjek den først med validate.' : 'the file looks as if it holds personal data (a CPR number); check it with validate first.';
  }
  if (!report.sheets.membership || report.data.membership.length === 0) {
    return da ? 'der er intet medlemstalsark med foreninger at sammenligne med.' : 'there is no membership sheet with associations to compare with.';
  }
  if (report.year === null) {
    return da ? 'året kan ikke ses i filen; angiv --year for det år, der tjekkes.' : 'the file does not say its year; give --year for the year being checked.';
  }
  if (year !== null && report.year !== year - 1) {
    return da
      ? `filen er fra ${report.year}, men det tjekkede år er ${year}: giv projektmappen fra ${year - 1}.`
      : `the file is from ${report.year}, but the year being checked is ${year}: give the workbook of ${year - 1}.`;
  }
  return null;
}

/** `validate`: exit 0 without errors, 1 with errors, 2 when the file or an option cannot be used (one line on stderr). */
export async function runValidateCommand(args: string[], ctx: CliContext): Promise<number> {
  const { io, w, lang } = ctx;
  const { values, positionals, help } = parseCommandArgs('validate', args, spec, w);
  if (help) {
    io.out(w.validateHelp);
    return 0;
  }
  if (positionals.length === 0) throw new UsageError(w.validateNoFile);
  if (positionals.length > 1) throw new UsageError(w.validateManyFiles(positionals[1]));
  const format = values.format ?? 'text';
  if (format !== 'text' && format !== 'json') throw new UsageError(w.badFormat(format));
  const year = parseYearOption(values.year, w);
  const file = positionals[0];
  if (values.previous !== undefined && samePath(values.previous, file)) throw new UsageError(w.previousIsInput);
  if (values.force && values.fix === undefined) throw new UsageError(w.forceWithoutFix);
  const out = values.fix === undefined ? null : xlsxOutputName(values.fix, '--fix', w);
  if (out !== null && samePath(out, file)) throw new UsageError(w.fixIsInput(out));

  const { bytes, workbook } = await readBytesOrExplain(file, lang);
  let report = validateWorkbook(workbook, { year, lang, surface: 'cli' });
  if (values.previous !== undefined) {
    const previousMembership = await previousFigures(values.previous, report.year, ctx);
    report = validateWorkbook(workbook, { year, lang, surface: 'cli', previousMembership });
  }
  const name = basename(file);
  const fixed = out === null ? undefined : await writeFixedCopy(bytes, report, { file: name, out, force: values.force === true }, ctx);
  if (format === 'json') io.out(formatReportJson(report, name, out === null ? {} : { fixed: fixed?.json ?? null }));
  else io.out(formatReportText(report, lang, name) + (out === null ? '' : `\n${fixed ? fixed.text : `${w.fixNone(name)}\n`}`));
  return report.ok ? 0 : 1;
}
