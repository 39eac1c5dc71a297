import { parseArgs } from 'node:util';
import { writeTemplateFile, budgetSheetName, membershipSheetName } from '../xlsx/write-template';
import { copenhagen, modelForYear } from '../../shared/config';
import { parseYearOption, UsageError, type CliIo } from './io';
import { templateUsage } from './usage';

/** `template`: writes the canonical empty workbook for a programme year. */
export async function runTemplateCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { year: { type: 'string' }, out: { type: 'string' } },
  });
  if (positionals.length > 0 || !values.out) throw new UsageError(`usage: ${templateUsage}`);
  const year = parseYearOption(values.year) ?? new Date().getFullYear();
  const model = modelForYear(year);
  if (!model) throw new UsageError(`--year ${year} has no programme model: the programme runs from ${Math.min(...copenhagen.models.map((m) => m.fromYear))}.`);
  const out = values.out.endsWith('.xlsx') ? values.out : `${values.out}.xlsx`;
  try {
    await writeTemplateFile(out, year);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new UsageError(`could not write ${out}${code ? ` (${code})` : ''}: check that the folder exists and the file is not open in Excel.`);
  }
  io.out(`wrote ${out}: "${budgetSheetName(year)}" and "${membershipSheetName(year)}" (${model.id})`);
  return 0;
}
