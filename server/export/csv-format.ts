/**
 * Field formatting for CSV files that Danish Excel opens with a double-click:
 * semicolon-separated (Danish Excel's list separator, since the comma is the decimal mark),
 * RFC 4180 quoting, and a guard against formula injection.
 */

export const CSV_SEPARATOR = ';';
export const CSV_NEWLINE = '\r\n';
/** Without the byte-order mark Excel reads the file as Windows-1252 and garbles æ, ø and å. */
export const CSV_BOM = '\uFEFF';

// Excel (and LibreOffice) run a cell starting with one of these as a formula; tab and CR are
// on OWASP's list too because some importers strip them and then see the next character.
const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[;"\r\n]/;

/** A text field: neutralised if it could run as a formula, quoted if it holds ; " or a line break. */
export function csvText(value: string | null | undefined): string {
  if (value === null || value === undefined || value === '') return '';
  const safe = FORMULA_START.test(value) ? `'${value}` : value;
  return NEEDS_QUOTES.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/**
 * A count as Excel reads a number: integers plain (no thousands separator, which Excel would
 * take for text), anything else with the Danish decimal comma. Null is an empty field.
 */
export function csvNumber(value: number | null | undefined): string {
  if (value === null || value === undefined) return '';
  if (!Number.isFinite(value)) throw new RangeError(`CSV export: ${String(value)} is not a number that can be written`);
  return Number.isInteger(value) ? String(value) : String(value).replace('.', ',');
}

export const csvLine = (fields: string[]) => fields.join(CSV_SEPARATOR) + CSV_NEWLINE;
