import { modelForYear } from '../../shared/config';
import { UsageError } from './io';
import type { CliWords } from './words';

/**
 * `--year` as a four-digit year. validate lets the core report a year without a model (model-unknown, a
 * finding like any other); template has nothing to write for it, so it asks for a model.
 */
export function parseYearOption(raw: string | undefined, w: CliWords, needModel = false): number | undefined {
  if (raw === undefined) return undefined;
  if (!/^\d{4}$/.test(raw.trim())) throw new UsageError(w.badYear(raw));
  const year = Number(raw.trim());
  if (needModel && !modelForYear(year)) throw new UsageError(w.yearBeforeProgramme(year));
  return year;
}

/** A programme year in a file name ("skabelon-2025.xlsx" → 2025), or null when it holds none or several. */
export function yearInFileName(name: string): number | null {
  const years = [...new Set(name.match(/(?<!\d)(?:19|20)\d\d(?!\d)/g) ?? [])];
  return years.length === 1 ? Number(years[0]) : null;
}
