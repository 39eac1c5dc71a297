import { basename } from 'node:path';
import { buildTemplateWorkbook, budgetSheetName, membershipSheetName } from '../xlsx/write-template';
import { modelForYear } from '../../shared/config';
import { parseCommandArgs } from './args';
import { UsageError, type CliContext } from './io';
import { writeOutputFile, xlsxOutputName } from './output-file';
import { parseYearOption, yearInFileName } from './year';

/** `template`: writes the canonical empty workbook for a programme year. */
export async function runTemplateCommand(args: string[], { io, w }: CliContext): Promise<number> {
  const { values, positionals, help } = parseCommandArgs('template', args, {
    year: { type: 'string', value: 'year' },
    out: { type: 'string', value: 'file' },
    force: { type: 'boolean' },
  }, w);
  if (help) {
    io.out(w.templateHelp);
    return 0;
  }
  if (positionals.length > 0) throw new UsageError(w.templatePositional(positionals[0]));
  if (!values.out) throw new UsageError(w.templateNoOut);
  const out = xlsxOutputName(values.out, '--out', w);
  // A missing --year never silently means this year: the line after the file says where the year came from.
  const given = parseYearOption(values.year, w, true);
  const fromName = given === undefined ? yearInFileName(basename(out)) : null;
  const year = given ?? fromName ?? new Date().getFullYear();
  const model = modelForYear(year);
  if (!model) throw new UsageError(w.yearBeforeProgramme(year));
  const bytes = new Uint8Array(await buildTemplateWorkbook(year).xlsx.writeBuffer());
  await writeOutputFile(out, bytes, { force: values.force === true, option: '--out' }, w);
  io.out(w.wroteTemplate(out, budgetSheetName(year), membershipSheetName(year), model.id));
  io.out(given !== undefined ? w.yearSource.option(year) : fromName !== null ? w.yearSource.fileName(year, basename(out)) : w.yearSource.today(year));
  return 0;
}
