import { basename, resolve } from 'node:path';
import { realpathSync } from 'node:fs';
import { validateWorkbook } from '../../shared/index';
import type { Lang, PreviousMembership, Report, WorkbookInput } from '../../shared/schemas';
import { readWorkbookFile, WorkbookReadError } from '../xlsx/read-workbook';
import { parseCommandArgs } from './args';
import { formatReportJson, formatReportText } from './format-report';
import { UsageError, type CliContext } from './io';
import { parseYearOption } from './year';

const spec = {
  year: { type: 'string', value: 'year' },
  format: { type: 'string', value: 'format' },
  previous: { type: 'string', value: 'file' },
} as const;

/** The same file under two names (a link, ./x and x) is the same file. */
function samePath(a: string, b: string): boolean {
  const real = (p: string) => {
    try {
      return realpathSync(p);
    } catch {
      return resolve(p);
    }
  };
  return real(a) === real(b);
}

async function readOrExplain(file: string, lang: Lang, label?: string): Promise<WorkbookInput> {
  try {
    return await readWorkbookFile(file);
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

  const workbook = await readOrExplain(file, lang);
  let report = validateWorkbook(workbook, { year, lang, surface: 'cli' });
  if (values.previous !== undefined) {
    const previousMembership = await previousFigures(values.previous, report.year, ctx);
    report = validateWorkbook(workbook, { year, lang, surface: 'cli', previousMembership });
  }
  const name = basename(file);
  io.out(format === 'json' ? formatReportJson(report, name) : formatReportText(report, lang, name));
  return report.ok ? 0 : 1;
}
