import { parseArgs } from 'node:util';
import { basename } from 'node:path';
import { validateWorkbook } from '../../shared/index';
import type { Lang } from '../../shared/schemas';
import { readWorkbookFile, WorkbookReadError } from '../xlsx/read-workbook';
import { formatReportJson, formatReportText } from './format-report';
import { parseYearOption, UsageError, type CliIo } from './io';
import { validateUsage } from './usage';


/** `validate`: exit 0 without errors, 1 with errors, 2 when the file cannot be read (one line on stderr). */
export async function runValidateCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      year: { type: 'string' },
      lang: { type: 'string', default: 'da' },
      format: { type: 'string', default: 'text' },
    },
  });
  if (positionals.length !== 1) throw new UsageError(`usage: ${validateUsage}`);
  const lang = values.lang;
  if (lang !== 'da' && lang !== 'en') throw new UsageError(`--lang must be da or en, not "${lang}".`);
  const format = values.format;
  if (format !== 'text' && format !== 'json') throw new UsageError(`--format must be text or json, not "${format}".`);
  const year = parseYearOption(values.year);

  const file = positionals[0];
  let workbook;
  try {
    workbook = await readWorkbookFile(file);
  } catch (err) {
    if (err instanceof WorkbookReadError) {
      io.err(err.messageIn(lang));
      return 2;
    }
    throw err;
  }
  const report = validateWorkbook(workbook, { year, lang: lang as Lang });
  io.out(format === 'json' ? formatReportJson(report, basename(file)) : formatReportText(report, lang as Lang, basename(file)));
  return report.ok ? 0 : 1;
}
